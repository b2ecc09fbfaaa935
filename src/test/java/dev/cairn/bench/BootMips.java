package dev.cairn.bench;

import dev.cairn.hw.chr.CharSink;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Boot benchmark helper (not a JUnit test): boots a kernel through the {@link Machine} API, waits
 * for the busybox prompt {@code "~ # "} on the serial console and reports how many guest
 * instructions the hart executed to get there, and the resulting speed in MIPS.
 *
 * <p>Usage: {@code java -cp target/classes:target/test-classes:target/lib/*
 * dev.cairn.bench.BootMips FIRMWARE KERNEL INITRD [TIMEOUT_SECONDS]}. The guest's console goes to stdout; the result is one
 * line {@code BOOTMIPS key=value ...} on stdout, printed after the prompt appears and before the
 * guest is told to {@code poweroff -f}. Run by {@code src/bench/boot-benchmark.sh}.
 *
 * <p>The instruction count, the time and the vCPU thread's CPU time are all sampled on the vCPU
 * thread, inside the serial sink, at the moment the prompt's last byte is written, so they belong
 * to the same instant and need no synchronisation with the hart.
 */
public final class BootMips {

  private static final byte[] PROMPT = "~ # ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BOOT_OK = "BOOT-OK".getBytes(StandardCharsets.US_ASCII);

  private BootMips() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 4) {
      System.err.println("usage: BootMips FIRMWARE KERNEL INITRD [TIMEOUT_SECONDS]");
      System.exit(2);
    }
    long timeoutSeconds = args.length == 4 ? Long.parseLong(args[3]) : 600;
    long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    long mainStartMillis = System.currentTimeMillis();
    MachineConfig config =
        new MachineConfig(
            MachineConfig.DEFAULT_RAM,
            Path.of(args[0]),
            Path.of(args[1]),
            Path.of(args[2]),
            "console=ttyS0",
            List.of(),
            false,
            false);
    PrintStream out = System.out;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
    CountDownLatch atPrompt = new CountDownLatch(1);
    // [0] nanoTime at the prompt, [1] instret there, [2] vCPU thread CPU nanos there,
    // [3] nanoTime at BOOT-OK, [4] instret there; written on the vCPU thread before the latch.
    long[] sample = new long[5];
    try (Machine machine = Machine.create(config)) {
      CharSink sink =
          new CharSink() {
            private final byte[] tail = new byte[8];
            private boolean bootOkSeen;
            private boolean promptSeen;

            @Override
            public void write(byte b) {
              out.write(b);
              System.arraycopy(tail, 1, tail, 0, tail.length - 1);
              tail[tail.length - 1] = b;
              if (!bootOkSeen && endsWith(tail, BOOT_OK)) {
                bootOkSeen = true;
                sample[3] = System.nanoTime();
                sample[4] = machine.hart().instret();
              }
              if (!promptSeen && endsWith(tail, PROMPT)) {
                promptSeen = true;
                sample[0] = System.nanoTime();
                sample[1] = machine.hart().instret();
                sample[2] = cpuTime ? threads.getCurrentThreadCpuTime() : -1;
                atPrompt.countDown();
              }
            }

            @Override
            public void flush() {
              out.flush();
            }
          };
      machine.setSerialSink(sink);
      long start = System.nanoTime();
      machine.start();
      if (!atPrompt.await(timeoutSeconds, TimeUnit.SECONDS)) {
        out.flush();
        System.err.printf(
            "%nBootMips: no prompt after %d s (instret so far %d, state %s)%n",
            timeoutSeconds, machine.hart().instret(), machine.runState());
        whereIsTheHart(machine);
        machine.powerOff();
        System.exit(3);
      }
      double elapsed = (sample[0] - start) / 1e9;
      long instret = sample[1];
      double cpuSeconds = sample[2] >= 0 ? sample[2] / 1e9 : Double.NaN;
      out.flush();
      out.printf(
          Locale.ROOT,
          "%nBOOTMIPS elapsed_s=%.3f instret=%d mips=%.2f vcpu_cpu_s=%.3f mips_per_cpu_s=%.2f"
              + " boot_ok_s=%.3f boot_ok_instret=%d jvm_to_main_s=%.3f compiled_blocks=%d%n",
          elapsed,
          instret,
          instret / elapsed / 1e6,
          cpuSeconds,
          instret / cpuSeconds / 1e6,
          sample[3] == 0 ? Double.NaN : (sample[3] - start) / 1e9,
          sample[4],
          (mainStartMillis - jvmStartMillis) / 1e3,
          machine.hart().compiledBlocks());
      out.flush();
      // Typed at once, the command can be lost (seen once: no echo, no power-off), so retype it
      // every 10 s; give up after 60 s.
      int status = -1;
      for (int attempt = 1; attempt <= 6; attempt++) {
        if (attempt > 1) {
          System.err.printf(
              "%nBootMips: no power-off yet; typing 'poweroff -f' again (attempt %d)%n", attempt);
        }
        String line = attempt == 1 ? "poweroff -f\n" : "\npoweroff -f\n";
        machine.sendSerialInput(line.getBytes(StandardCharsets.US_ASCII));
        if (awaitShutdown(machine, 10_000)) {
          status = machine.awaitShutdown();
          break;
        }
      }
      if (status < 0) {
        System.err.println("BootMips: guest did not power off within 60 s");
        whereIsTheHart(machine);
        System.exit(4);
      }
      out.flush();
      System.exit(status);
    }
  }

  /** For a hung guest: samples the hart's pc a few times, pausing at batch boundaries. */
  private static void whereIsTheHart(Machine machine) throws InterruptedException {
    for (int i = 0; i < 8; i++) {
      machine.pause();
      System.err.printf(
          "BootMips:   pc=0x%x priv=%d wfi=%b instret=%d%n",
          machine.hart().pc(),
          machine.hart().privilege(),
          machine.hart().isWaitingForInterrupt(),
          machine.hart().instret());
      machine.resume();
      Thread.sleep(250);
    }
  }

  private static boolean awaitShutdown(Machine machine, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      RunState state = machine.runState();
      if (state == RunState.SHUTDOWN || state == RunState.INTERNAL_ERROR) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static boolean endsWith(byte[] tail, byte[] suffix) {
    int offset = tail.length - suffix.length;
    for (int i = 0; i < suffix.length; i++) {
      if (tail[offset + i] != suffix[i]) {
        return false;
      }
    }
    return true;
  }
}
