package dev.cairn.bench;

import dev.cairn.guest.CancelToken;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.StreamWarmup;
import dev.cairn.migration.VmStateStream;
import dev.cairn.migration.live.LiveSave;
import dev.cairn.migration.live.SaveProgress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Snapshot figures on the booted Debian guest (idle at its shell): stop-the-world save to a
 * file, load into a fresh machine, and a live checkpoint (total time and final pause). A
 * benchmark tool, not a test:
 *
 * <pre>
 * mvn -q -B -o test-compile
 * java -cp "target/classes:target/test-classes:target/lib/*" dev.cairn.bench.SnapshotBench [MiB] [--dirty] [--repeat N]
 * </pre>
 *
 * <p>{@code --repeat N} saves (and loads) N times and prints each round with the saving thread's
 * CPU time: the first round in a JVM is the one a user meets, the later ones show what the JIT
 * does for it. The VM starts the stream warm-up as every VM of {@code cairn run} and of the app
 * does ({@link StreamWarmup}); {@code -Dcairn.bench.cold=true} leaves it out.
 *
 * <p>With {@code --dirty} the guest's shell makes 16 MiB of random data in /tmp (the initramfs's
 * ramfs) and runs, in the background, a loop that rewrites a 64 MiB file there from it, started a
 * few seconds before the measurements, so the live checkpoint has to resend pages. (Random, not
 * /dev/zero: zero pages go as 8-byte flags in both Cairn's and QEMU's streams, so dirtying with
 * zeros costs almost nothing.) The live checkpoint walks every RAM page once in its first pass
 * (absent pages as zero pages), so "resent" counts the pages sent beyond the RAM size. Besides the human-readable lines it
 * prints one {@code SNAPBENCH key=value ...} line for src/bench/snapshot-benchmark.sh.
 */
public final class SnapshotBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SnapshotBench() {}

  public static void main(String[] args) throws Exception {
    long mib = 512;
    boolean dirty = false;
    int repeat = 1;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--dirty")) {
        dirty = true;
      } else if (arg.equals("--repeat")) {
        repeat = Integer.parseInt(args[++i]);
      } else {
        mib = Long.parseLong(arg);
      }
    }
    GuestImages images = DebianRecipe.create().build((phase, done, total) -> {}, CancelToken.none());
    MachineConfig config = new MachineConfig(mib << 20, images.firmware(), images.kernel(),
        images.initrd(), "console=ttyS0", List.of(), false, false);
    Path file = Files.createTempFile("cairn-bench", ".cvm");
    long ramPages = (mib << 20) / 4096;
    SaveProgress p;
    long presentAfter;
    long saveMillis;
    long saveBytes;
    long liveBytes;
    try (Machine machine = Machine.create(config)) {
      StringBuffer out = new StringBuffer();
      machine.setSerialSink(b -> out.append((char) b));
      machine.start();
      if (!Boolean.getBoolean("cairn.bench.cold")) {
        // As every VM of cairn run and of the app does (its MigrationController starts it).
        StreamWarmup.startInBackground(machine);
      }
      while (out.indexOf("~ # ") < 0) {
        Thread.sleep(100);
      }
      Thread.sleep(1000);
      if (dirty) {
        startDirtying(machine, out);
      }
      long presentBefore = machine.ram().presentPages();

      saveMillis = 0;
      for (int round = 0; round < repeat; round++) {
        long t0 = System.nanoTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        machine.pause();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
          VmStateStream.save(machine, os);
        }
        saveMillis = (System.nanoTime() - t0) / 1_000_000;
        machine.resume();
        long cpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1_000_000;
        if (repeat > 1) {
          System.out.printf("savevm round %d: %d ms (cpu %d ms)%n", round + 1, saveMillis, cpu);
        }
      }
      saveBytes = Files.size(file);
      System.out.printf("%d MiB guest (%s): savevm (stop-the-world) %d ms, %d bytes (%d present"
          + " pages)%n", mib, dirty ? "dirty" : "idle", saveMillis, saveBytes,
          machine.ram().presentPages());

      Path live = Files.createTempFile("cairn-bench-live", ".cvm");
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(live), 1 << 20)) {
        LiveSave save = new LiveSave(machine, os, 300, LiveSave.AfterSave.RESUME);
        p = save.start().get(300, TimeUnit.SECONDS);
      }
      presentAfter = machine.ram().presentPages();
      liveBytes = Files.size(live);
      // Pages sent beyond one copy of every RAM page: the dirty pages sent again.
      long resent = Math.max(0, p.normalPages() + p.zeroPages() - ramPages);
      System.out.printf("live checkpoint: total %d ms, final pause %d ms, %d passes,"
          + " %d normal + %d zero pages, %d resent (present pages %d before, %d after),"
          + " %d bytes%n", p.totalMillis(), p.downtimeMillis(), p.pass(), p.normalPages(),
          p.zeroPages(), resent, presentBefore, presentAfter, liveBytes);
      Files.delete(live);
      machine.powerOff();
    }
    long loadMillis;
    loadMillis = 0;
    for (int round = 0; round < repeat; round++) {
      try (Machine fresh = Machine.create(config)) {
        long t0 = System.nanoTime();
        // As loadvm does: a checking pass over the file, then an applying pass.
        VmStateStream.load(fresh,
            () -> new BufferedInputStream(Files.newInputStream(file), 1 << 20));
        loadMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("loadvm into a fresh machine: %d ms%n", loadMillis);
      }
    }
    Files.delete(file);
    System.out.printf("SNAPBENCH mib=%d mode=%s save_ms=%d save_bytes=%d live_total_ms=%d"
            + " live_pause_ms=%d live_passes=%d live_normal_pages=%d live_zero_pages=%d"
            + " live_resent_pages=%d live_bytes=%d present_pages=%d load_ms=%d%n",
        mib, dirty ? "dirty" : "idle", saveMillis, saveBytes, p.totalMillis(),
        p.downtimeMillis(), p.pass(), p.normalPages(), p.zeroPages(),
        Math.max(0, p.normalPages() + p.zeroPages() - ramPages), liveBytes, presentAfter,
        loadMillis);
  }

  /** The dirtying loop: the same command snapshot-benchmark.sh types into QEMU's guest. */
  static final String DIRTY_LOOP = "head -c 16777216 /dev/urandom > /tmp/r;"
      + " while :; do cat /tmp/r /tmp/r /tmp/r /tmp/r > /tmp/d; done &";

  /**
   * Types the dirtying loop into the guest's shell, checks that /tmp/d appears, and lets it run for a few seconds.
   */
  private static void startDirtying(Machine machine, StringBuffer out) throws Exception {
    int mark = out.length();
    machine.sendSerialInput((DIRTY_LOOP + "\n").getBytes(StandardCharsets.US_ASCII));
    Thread.sleep(1000);
    machine.sendSerialInput("ls -l /tmp/d; echo DIRTY-$((40+2))\n"
        .getBytes(StandardCharsets.US_ASCII));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (out.indexOf("DIRTY-42", mark) < 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("guest did not answer: " + out.substring(mark));
      }
      Thread.sleep(100);
    }
    String reply = out.substring(mark);
    System.out.println("dirtying loop running; guest says: "
        + reply.substring(reply.indexOf("ls -l")).replaceAll("\\s+", " ").trim());
    if (!reply.contains("-rw")) {
      throw new IllegalStateException("no /tmp/d in the guest: " + reply);
    }
    Thread.sleep(3000);
  }
}
