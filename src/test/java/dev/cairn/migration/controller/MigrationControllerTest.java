package dev.cairn.migration.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import dev.cairn.migration.CounterGuest;
import dev.cairn.migration.incoming.IncomingMigration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller's API as HMP, QMP and the GUI use it, on machines in this JVM. */
class MigrationControllerTest {

  private static final int ITERATIONS = 8_000_000;
  private static final int LONG_ITERATIONS = 200_000_000;

  @TempDir static Path dir;
  private static Path counter;
  private static Path longCounter;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(dir, ITERATIONS);
    longCounter = CounterGuest.build(dir, LONG_ITERATIONS);
  }

  private static Machine machine(Path kernel) throws Exception {
    return Machine.create(
        new MachineConfig(16L << 20, null, kernel, null, "", List.of(), false, true));
  }

  @Test
  void aMigrationGoesThroughQemusStatesAndLeavesTheSourceInPostmigrate() throws Exception {
    Path file = dir.resolve("vm.cvm");
    StringBuffer before = new StringBuffer();
    List<String> statuses = new CopyOnWriteArrayList<>();
    MigrationInfo end;
    try (Machine source = machine(counter)) {
      source.setSerialSink(b -> before.append((char) b));
      MigrationController controller = new MigrationController(source);
      controller.addListener(info -> statuses.add(info.status().qemuName()));
      source.start();
      while (before.length() < 2) {
        Thread.onSpinWait();
      }
      end = controller.start("file:" + file, MigrationOptions.DEFAULT).get(60, TimeUnit.SECONDS);
      assertEquals(RunState.POSTMIGRATE, source.runState());
      assertEquals(end, controller.info());
    }
    assertEquals(List.of("setup", "active", "device", "completed"), statuses);
    assertEquals(MigrationStatus.COMPLETED, end.status());
    assertEquals(16L << 20, end.totalBytes());
    assertEquals(4096, end.duplicatePages() + end.normalPages() - resent(end));
    assertTrue(end.transferredBytes() > end.normalPages() * 4096);

    StringBuffer after = new StringBuffer();
    try (Machine destination = machine(counter)) {
      destination.setSerialSink(b -> after.append((char) b));
      IncomingMigration incoming = new IncomingMigration(destination, true);
      assertEquals(RunState.INMIGRATE, destination.runState());
      incoming.listen("file:" + file);
      MigrationInfo received = incoming.completion().get(60, TimeUnit.SECONDS);
      assertEquals(MigrationStatus.COMPLETED, received.status(), received.errorDescription());
      assertEquals(0, destination.awaitShutdown());
    }
    assertEquals(CounterOracle.expected(ITERATIONS), before.toString() + after);
  }

  /** Pages sent more than once: every page goes out once in the first pass. */
  private static long resent(MigrationInfo info) {
    return info.duplicatePages() + info.normalPages() - 4096;
  }

  @Test
  void autoConvergeThrottlesTheVcpuInStepsAndCancelReleasesIt() throws Exception {
    try (Machine source = machine(longCounter)) {
      MigrationController controller = new MigrationController(source);
      // The guest rewrites 64 KiB all the time; at 256 KiB/s a pass takes about 250 ms, far
      // more than 10 ms, so the migration iterates while the guest dirties as fast as it is sent.
      controller.parameters().set("downtime-limit", 10);
      controller.parameters().set("max-bandwidth", 256 << 10);
      controller.setCapability("auto-converge", true);
      source.start();
      var done = controller.start("exec:cat > /dev/null", MigrationOptions.DEFAULT);
      assertThrows(MigrationException.class,
          () -> controller.setCapability("auto-converge", false), "not while it runs");
      awaitThat(() -> controller.info().cpuThrottlePercentage() >= 30, "two throttle steps");
      assertEquals(MigrationStatus.ACTIVE, controller.info().status());
      assertEquals(source.throttlePercent(), controller.info().cpuThrottlePercentage());

      controller.cancel();
      MigrationInfo end = done.get(60, TimeUnit.SECONDS);
      assertEquals(MigrationStatus.CANCELLED, end.status());
      assertEquals(0, source.throttlePercent(), "the guest runs at full speed again");
      assertEquals(RunState.RUNNING, source.runState());
    }
  }

  @Test
  void aParameterChangedDuringTheMigrationAppliesAtOnce() throws Exception {
    try (Machine source = machine(longCounter)) {
      MigrationController controller = new MigrationController(source);
      controller.parameters().set("downtime-limit", 10);
      controller.parameters().set("max-bandwidth", 256 << 10);
      source.start();
      var done = controller.start("exec:cat > /dev/null", MigrationOptions.DEFAULT);
      awaitThat(() -> controller.info().dirtySyncCount() >= 3, "three passes");
      assertThrows(MigrationException.class,
          () -> controller.start("exec:cat > /dev/null", MigrationOptions.DEFAULT));
      controller.parameters().set("downtime-limit", 2_000);
      MigrationInfo end = done.get(60, TimeUnit.SECONDS);
      assertEquals(MigrationStatus.COMPLETED, end.status());
      assertEquals(RunState.POSTMIGRATE, source.runState());
      source.resume(); // "cont" after a migration runs the guest here again, as in QEMU
      assertEquals(RunState.RUNNING, source.runState());
    }
  }

  private static void awaitThat(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    VmProcess.waitFor(Duration.ofSeconds(60), condition, what);
  }
}
