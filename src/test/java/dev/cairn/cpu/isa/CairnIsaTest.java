package dev.cairn.cpu.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the ISA test programs (proven by {@link QemuOracleTest}) on Cairn, booted like QEMU's
 * {@code -M virt -m 128M -bios none -kernel X.elf}: exit status 0 is PASS, n names the failing
 * check.
 */
class CairnIsaTest {

  /** A generous guard against a hung hart; the programs finish in well under a second on QEMU. */
  private static final long TIMEOUT_SECONDS = 60;

  static List<String> programs() {
    return RiscvToolchain.programs();
  }

  @ParameterizedTest(name = "{0} passes on Cairn")
  @MethodSource("programs")
  void programPassesOnCairn(String name) throws Exception {
    Path elf = RiscvToolchain.elf(name);
    MachineConfig config =
        new MachineConfig(128L << 20, null, elf, null, "", List.of(), false, true);
    ByteArrayOutputStream serial = new ByteArrayOutputStream();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "isa-watchdog-" + name);
              t.setDaemon(true);
              return t;
            });
    try (Machine machine = Machine.create(config)) {
      machine.setSerialSink(
          b -> {
            synchronized (serial) {
              serial.write(b);
            }
          });
      ScheduledFuture<?> guard =
          watchdog.schedule(
              () -> {
                timedOut.set(true);
                machine.powerOff();
              },
              TIMEOUT_SECONDS,
              TimeUnit.SECONDS);
      machine.start();
      int status = machine.awaitShutdown();
      guard.cancel(false);
      String output;
      synchronized (serial) {
        output = serial.toString(StandardCharsets.UTF_8);
      }
      assertFalse(
          timedOut.get(),
          () -> name + " timed out on Cairn after " + TIMEOUT_SECONDS + " s; output:\n" + output);
      assertEquals(
          0,
          status,
          () ->
              name
                  + " failed on Cairn with status "
                  + status
                  + " (the number of the failing check; 255 = unexpected trap); output:\n"
                  + output);
    } finally {
      watchdog.shutdownNow();
    }
  }
}
