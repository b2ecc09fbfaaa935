package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.CounterGuest;
import dev.cairn.migration.controller.MigrationController;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration rows of the monitor, with QEMU's words and shapes, on a real (unstarted) VM. */
class MigrationCommandsTest {

  @TempDir static Path dir;
  private static Path guest;

  private final TypedSession typed = new TypedSession();
  private Machine machine;

  @BeforeAll
  static void buildGuest() throws Exception {
    guest = CounterGuest.build(dir, 1000);
  }

  @BeforeEach
  void attachController() throws Exception {
    machine = Machine.create(
        new MachineConfig(16L << 20, null, guest, null, "", List.of(), false, true));
    typed.target.migration = new MigrationController(machine);
  }

  @AfterEach
  void close() {
    machine.close();
  }

  @Test
  void parametersStartAtQemusDefaultsAndShowInQemusShape() {
    assertEquals(
        "throttle-trigger-threshold: 50\r\n"
            + "cpu-throttle-initial: 20\r\n"
            + "cpu-throttle-increment: 10\r\n"
            + "max-cpu-throttle: 99\r\n"
            + "max-bandwidth: 134217728 bytes/second\r\n"
            + "downtime-limit: 300 ms\r\n",
        typed.type("info migrate_parameters"));
  }

  @Test
  void setParameterTakesMebibytesForBandwidthAsQemusHmpDoes() {
    assertEquals("", typed.type("migrate_set_parameter max-bandwidth 100"));
    assertEquals("", typed.type("migrate_set_parameter downtime-limit 50"));
    String shown = typed.type("info migrate_parameters");
    assertTrue(shown.contains("max-bandwidth: 104857600 bytes/second\r\n"), shown);
    assertTrue(shown.contains("downtime-limit: 50 ms\r\n"), shown);
    assertEquals("", typed.type("migrate_set_parameter max-bandwidth 512K"));
    assertTrue(typed.type("info migrate_parameters").contains("max-bandwidth: 524288 bytes"));
  }

  @Test
  void badParameterValuesAreRefusedAndChangeNothing() {
    assertTrue(typed.type("migrate_set_parameter downtime-limit -5").startsWith("Error: "));
    assertTrue(typed.type("migrate_set_parameter downtime-limit soon").startsWith("Error: "));
    assertTrue(typed.type("migrate_set_parameter max-cpu-throttle 100").startsWith("Error: "));
    assertTrue(typed.type("migrate_set_parameter max-bandwidth fast").startsWith("Error: "));
    assertTrue(typed.type("migrate_set_parameter no-such 1").contains("Invalid parameter"));
    assertEquals(300, typed.target.migration.parameters().downtimeLimitMillis());
    assertEquals(128L << 20, typed.target.migration.parameters().maxBandwidth());
  }

  @Test
  void capabilitiesListAndToggleAutoConverge() {
    assertTrue(typed.type("info migrate_capabilities")
        .contains("\r\nauto-converge: off\r\n"));
    assertEquals("", typed.type("migrate_set_capability auto-converge on"));
    String after = typed.type("info migrate_capabilities");
    assertTrue(after.startsWith("xbzrle: off\r\nrdma-pin-all: off\r\nauto-converge: on\r\n"),
        after);
    assertTrue(after.contains("\r\nevents: off\r\n"), after);
    assertTrue(typed.type("migrate_set_capability auto-converge maybe").startsWith("Error: "));
    assertTrue(typed.type("migrate_set_capability xbzrle on").contains("Invalid capability"));
  }

  @Test
  void migrateRefusesAMalformedUriAtOnce() {
    assertEquals("Error: unknown migration protocol: 'ftp://x' (use tcp:HOST:PORT,"
        + " exec:COMMAND or file:PATH)\r\n", typed.type("migrate ftp://x"));
    assertEquals("Error: migrate: missing argument 'uri'\r\n", typed.type("migrate -d"));
    assertEquals("", typed.type("info migrate"), "no migration was started");
  }

  @Test
  void anUnreachablePeerEndsAsFailedWithTheReason() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nobody listens there
    }
    assertEquals("", typed.type("migrate -d tcp:127.0.0.1:" + port));
    typed.target.migration.info();
    long end = System.nanoTime() + 30_000_000_000L;
    while (!typed.target.migration.info().status().isFinal() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    String info = typed.type("info migrate");
    assertTrue(info.startsWith("Migration status: failed (Failed to connect to '127.0.0.1:"
        + port + "'"), info);
  }

  @Test
  void helpShowsTheFlagsOfMigrate() {
    assertEquals("migrate [-d] [-b] uri -- migrate to URI (using -d to not wait for completion)"
        + " -b for migration without shared storage with full copy of disk\r\n",
        typed.type("help migrate"));
    assertTrue(typed.type("help info").contains("info migrate  -- show migration status"));
  }

  @Test
  void migrateIncomingNeedsIncomingOnTheCommandLine() {
    assertEquals("Error: '-incoming' was not specified on the command line\r\n",
        typed.type("migrate_incoming tcp:127.0.0.1:4444"));
  }

  @Test
  void aVmWithoutMigrationSaysSo() {
    typed.target.migration = null;
    assertEquals("Error: migration is not available for this VM\r\n",
        typed.type("info migrate"));
  }
}
