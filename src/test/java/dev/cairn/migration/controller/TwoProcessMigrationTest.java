package dev.cairn.migration.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.migration.CounterGuest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live migration between two {@code cairn run} processes over loopback, with the counter guest:
 * it keeps dirtying a buffer and printing letters, and at its end prints a checksum of the buffer.
 * The source's output up to the switch-over followed by the destination's must be exactly what
 * the guest prints when never migrated ({@link CounterOracle}): no letter lost or repeated, the
 * memory the same.
 */
class TwoProcessMigrationTest {

  /**
   * About 1.1 G instructions: seconds of guest time even with compiled blocks (a few hundred MIPS
   * on this loop), so the guest still runs while it migrates. At 8 M iterations a fast source
   * sometimes finished counting, and exited, before the migration completed.
   */
  private static final int ITERATIONS = 64_000_000;
  /**
   * For tests that keep the source iterating: long enough (minutes) that the guest cannot end
   * before the test acts, however fast the host; those tests check a prefix of its output.
   */
  private static final int LONG_ITERATIONS = 200_000_000;
  private static final Duration EXIT = Duration.ofMinutes(3);

  @TempDir static Path dir;
  private static Path counter;
  private static String expected;
  private static Path longCounter;
  private static String longExpected;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(dir, ITERATIONS);
    expected = CounterOracle.expected(ITERATIONS);
    longCounter = CounterGuest.build(dir, LONG_ITERATIONS);
    longExpected = CounterOracle.expected(LONG_ITERATIONS);
  }

  @Test
  void aDirtyingGuestMigratesOverTcpAndCountsOnWithoutGapOrRepeat() throws Exception {
    try (VmProcess destination = VmProcess.start(dir, counter, "-incoming", "tcp:127.0.0.1:0");
        VmProcess source = VmProcess.start(dir, counter)) {
      String address = destination.incomingAddress();
      assertEquals("VM status: paused (inmigrate)\n",
          destination.monitor().command("info status"));
      source.awaitSerial(2);
      HmpClient monitor = source.monitor();
      assertEquals("", monitor.command("migrate -d " + address));
      VmProcess.waitFor(Duration.ofSeconds(120),
          () -> field(monitor, "Migration status").startsWith("completed")
              || field(monitor, "Migration status").startsWith("failed"),
          "the migration to end");
      assertEquals("completed", field(monitor, "Migration status"));
      assertEquals("VM status: paused (postmigrate)\n", monitor.command("info status"));

      assertEquals(0, destination.awaitExit(EXIT), destination.stderr());
      monitor.type("quit\n");
      source.awaitExit(EXIT);
      assertTrue(source.serial().length() >= 2);
      assertTrue(destination.serial().length() > 0, "the destination printed on");
      assertEquals(expected, source.serial() + destination.serial());
    }
  }

  @Test
  void migrateWithoutDSuspendsTheMonitorUntilItCompletes() throws Exception {
    try (VmProcess destination = VmProcess.start(dir, counter, "-incoming", "tcp:127.0.0.1:0");
        VmProcess source = VmProcess.start(dir, counter)) {
      String address = destination.incomingAddress();
      source.awaitSerial(2);
      HmpClient monitor = source.monitor();
      // Both lines at once: the second may only run once the migration has completed.
      monitor.type("migrate " + address + "\ninfo status\n");
      monitor.readToPrompt(); // the migrate command's own output, up to its prompt
      String status = monitor.readToPrompt();
      assertTrue(status.endsWith("VM status: paused (postmigrate)\r\n"), status);

      assertEquals(0, destination.awaitExit(EXIT), destination.stderr());
      monitor.type("quit\n");
      source.awaitExit(EXIT);
      assertEquals(expected, source.serial() + destination.serial());
    }
  }

  @Test
  void cancelDuringIterationLeavesTheSourceCountingToItsEnd() throws Exception {
    try (VmProcess destination = VmProcess.start(dir, longCounter, "-incoming", "tcp:127.0.0.1:0");
        VmProcess source = VmProcess.start(dir, longCounter)) {
      String address = destination.incomingAddress();
      source.awaitSerial(2);
      HmpClient monitor = source.monitor();
      slowLink(monitor);
      monitor.command("migrate -d " + address);
      awaitTransferred(monitor, 32);
      assertEquals("", monitor.command("migrate_cancel"));
      VmProcess.waitFor(Duration.ofSeconds(60),
          () -> field(monitor, "Migration status").equals("cancelled"), "cancelled");
      assertEquals("VM status: running\n", monitor.command("info status"));

      assertCountsOn(source);
      assertNotEquals(0, destination.awaitExit(EXIT));
      assertEquals("", destination.serial(), "the destination never ran the guest");
      assertTrue(destination.stderr().contains("load of migration failed"),
          destination.stderr());
    }
  }

  @Test
  void killingTheDestinationDuringIterationLeavesTheSourceCounting() throws Exception {
    try (VmProcess destination = VmProcess.start(dir, longCounter, "-incoming", "tcp:127.0.0.1:0");
        VmProcess source = VmProcess.start(dir, longCounter)) {
      String address = destination.incomingAddress();
      source.awaitSerial(2);
      HmpClient monitor = source.monitor();
      slowLink(monitor);
      monitor.command("migrate -d " + address);
      awaitTransferred(monitor, 32);
      destination.kill();
      VmProcess.waitFor(Duration.ofSeconds(60),
          () -> field(monitor, "Migration status").startsWith("failed"), "failed");
      assertEquals("VM status: running\n", monitor.command("info status"));

      assertCountsOn(source);
    }
  }

  /** The source's guest prints 16 more letters, and all it printed is what it should print. */
  private static void assertCountsOn(VmProcess source) throws Exception {
    int printed = source.serial().length();
    source.awaitSerial(printed + 16);
    source.monitor().type("quit\n");
    source.awaitExit(EXIT);
    assertTrue(longExpected.startsWith(source.serial()),
        "the source's output is the guest's, without gap or repeat: " + source.serial());
  }

  /**
   * 16 KiB/s makes the first pass over 64 MiB (zero pages as 8-byte flags, a few dozen data
   * pages) last many seconds, so a test can act while the migration iterates.
   */
  private static void slowLink(HmpClient monitor) throws Exception {
    assertEquals("", monitor.command("migrate_set_parameter max-bandwidth 16K"));
  }

  private static void awaitTransferred(HmpClient monitor, int kbytes)
      throws InterruptedException {
    VmProcess.waitFor(Duration.ofSeconds(120), () -> {
      String sent = field(monitor, "transferred ram");
      return !sent.isEmpty() && Long.parseLong(sent.split(" ")[0]) >= kbytes;
    }, kbytes + " kbytes sent");
    assertEquals("active", field(monitor, "Migration status"));
  }

  private static String field(HmpClient monitor, String key) {
    try {
      String value = monitor.migrateField(key);
      return value == null ? "" : value;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
