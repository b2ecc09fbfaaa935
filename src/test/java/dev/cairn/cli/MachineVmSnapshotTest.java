package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.CounterGuest;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot commands typed at a monitor of a real (tiny) machine. */
class MachineVmSnapshotTest {

  @TempDir static Path guestDir;
  private static Path counter;
  @TempDir Path dir;

  private final StringBuffer serial = new StringBuffer();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(guestDir);
  }

  private MachineVm vm(List<DriveConfig> drives) throws Exception {
    MachineConfig config =
        new MachineConfig(16L << 20, null, counter, null, "", drives, false, true);
    MachineVm vm = new MachineVm(Machine.create(config));
    vm.setSnapshotDirectory(dir.resolve("snapshots"));
    vm.setSerialSink(b -> serial.append((char) b));
    return vm;
  }

  private String type(MonitorSession session, String line) {
    out.reset();
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    session.receive(bytes, 0, bytes.length);
    String printed = out.toString(StandardCharsets.UTF_8);
    // Without the echoed line and the next prompt.
    return printed.substring(line.length() + 2,
        printed.length() - MonitorSession.PROMPT.length());
  }

  @Test
  void savevmInfoSnapshotsLoadvmAndDelvmAtTheMonitorOfARealVm() throws Exception {
    String whole;
    try (MachineVm vm = vm(List.of())) {
      vm.start();
      vm.awaitShutdown();
      whole = serial.toString();
    }
    serial.setLength(0);
    try (MachineVm vm = vm(List.of()); Monitor monitor = new Monitor(vm)) {
      MonitorSession session = monitor.newSession(out);
      vm.start();
      while (serial.length() < 3) {
        Thread.onSpinWait();
      }
      assertEquals("", type(session, "stop"));
      int printedAtSave = serial.length();
      assertEquals("", type(session, "savevm before-upgrade"));
      assertEquals("", type(session, "savevm second"));
      String table = type(session, "info snapshots");
      assertTrue(table.startsWith("List of snapshots present on all disks:\r\n"
          + "ID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT\r\n"
          + "--        before-upgrade  "), table);
      assertTrue(table.contains("\r\n--        second          "), table);
      assertEquals("Error: Snapshot 'no-such' does not exist in one or more devices\r\n",
          type(session, "loadvm no-such"));
      assertEquals("", type(session, "delvm second"));
      assertEquals(3, type(session, "info snapshots").split("\r\n").length,
          "header, columns, one row");

      assertEquals("", type(session, "cont"));
      while (serial.length() < printedAtSave + 3) {
        Thread.onSpinWait();
      }
      assertEquals("", type(session, "stop"));
      assertEquals("", type(session, "loadvm before-upgrade"));
      int printedAtLoad = serial.length();
      assertEquals("", type(session, "cont"));
      assertEquals(0, vm.awaitShutdown());
      assertEquals(whole.substring(printedAtSave), serial.substring(printedAtLoad),
          "after loadvm the guest goes on from the saved instant");
    }
  }

  @Test
  void savevmWithAWritableDriveIsRefusedAtTheMonitor() throws Exception {
    Path disk = Files.write(dir.resolve("disk.raw"), new byte[1 << 20]);
    try (MachineVm vm = vm(List.of(new DriveConfig(disk, "raw", false)));
        Monitor monitor = new Monitor(vm)) {
      MonitorSession session = monitor.newSession(out);
      assertEquals("Error: Device 'virtio0' is writable but does not support snapshots\r\n",
          type(session, "savevm x"));
      assertEquals("There is no snapshot available.\r\n", type(session, "info snapshots"));
    }
  }
}
