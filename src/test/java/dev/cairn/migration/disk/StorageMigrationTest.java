package dev.cairn.migration.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.block.qcow2.QemuImg;
import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import dev.cairn.migration.DiskWriterGuest;
import dev.cairn.migration.controller.MigrationController;
import dev.cairn.migration.controller.MigrationInfo;
import dev.cairn.migration.controller.MigrationOptions;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.migration.incoming.IncomingMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage migration ({@code migrate -b}) through a file, source and destination in this JVM: a
 * guest writes its qcow2 disk all through the migration, and the destination's disk must end
 * equal to the source's at the switch-over; a destination disk of another size is refused before
 * anything is written to it.
 */
class StorageMigrationTest {

  private static final String DISK_SIZE = "8M";

  @TempDir static Path dir;
  private static Path guest;

  @BeforeAll
  static void buildGuest() throws Exception {
    guest = DiskWriterGuest.build(dir);
  }

  private static Machine machine(Path disk) throws Exception {
    return Machine.create(new MachineConfig(16L << 20, null, guest, null, "",
        List.of(new DriveConfig(disk, "qcow2", false, "hd0")), false, true));
  }

  private static Path qcow2(String name, String size) throws Exception {
    Path file = dir.resolve(name);
    Files.deleteIfExists(file);
    QemuImg.ok("qemu-img", "create", "-q", "-f", "qcow2", file.toString(), size);
    return file;
  }

  /** Runs the writer guest on {@code disk} and migrates it with -b into {@code stream}. */
  private static MigrationInfo migrateWritingGuest(Path disk, Path stream) throws Exception {
    StringBuffer serial = new StringBuffer();
    try (Machine source = machine(disk)) {
      source.setSerialSink(b -> serial.append((char) b));
      MigrationController controller = new MigrationController(source);
      source.start();
      while (serial.length() < 100) {
        Thread.sleep(5);
      }
      MigrationInfo end = controller.start("file:" + stream, new MigrationOptions(true))
          .get(120, TimeUnit.SECONDS);
      assertEquals(MigrationStatus.COMPLETED, end.status(), end.errorDescription());
      assertEquals(RunState.POSTMIGRATE, source.runState());
      assertNotNull(end.disk(), "info migrate shows the disk counters with -b");
      assertEquals(8L << 20, end.disk().totalBytes());
      assertEquals(0, end.disk().remainingBytes());
      assertTrue(end.disk().transferredBytes() > 1 << 20, "the written blocks were sent");
      assertTrue(end.transferredBytes() + end.disk().transferredBytes() <= Files.size(stream),
          "transferred ram does not count the disk's bytes");
      return end;
    }
  }

  @Test
  void theDestinationDiskEqualsTheSourceDiskAtSwitchOver() throws Exception {
    Path sourceDisk = qcow2("source.qcow2", DISK_SIZE);
    Path stream = dir.resolve("vm.mig");
    migrateWritingGuest(sourceDisk, stream);
    QemuImg.checkClean(sourceDisk);
    byte[] atSwitchOver = Files.readAllBytes(QemuImg.toRaw(sourceDisk, dir.resolve("s.raw")));
    assertTrue(countNonZero(atSwitchOver) > 100_000, "the guest wrote its disk");

    Path destinationDisk = qcow2("destination.qcow2", DISK_SIZE);
    try (Machine destination = machine(destinationDisk)) {
      IncomingMigration incoming = new IncomingMigration(destination, false);
      incoming.listen("file:" + stream);
      MigrationInfo received = incoming.completion().get(120, TimeUnit.SECONDS);
      assertEquals(MigrationStatus.COMPLETED, received.status(), received.errorDescription());
    }
    QemuImg.checkClean(destinationDisk);
    byte[] received = Files.readAllBytes(QemuImg.toRaw(destinationDisk, dir.resolve("d.raw")));
    assertEquals(-1, java.util.Arrays.mismatch(atSwitchOver, received),
        "the destination disk differs from the source's at switch-over");
  }

  @Test
  void aDestinationDiskOfAnotherSizeIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path sourceDisk = qcow2("source2.qcow2", DISK_SIZE);
    Path stream = dir.resolve("vm2.mig");
    migrateWritingGuest(sourceDisk, stream);

    Path smaller = qcow2("smaller.qcow2", "4M");
    String before = QemuImg.ok("qemu-img", "map", "--output=json", smaller.toString());
    try (Machine destination = machine(smaller)) {
      IncomingMigration incoming = new IncomingMigration(destination, false);
      incoming.listen("file:" + stream);
      MigrationInfo received = incoming.completion().get(120, TimeUnit.SECONDS);
      assertEquals(MigrationStatus.FAILED, received.status());
      assertTrue(received.errorDescription().contains(
          "drive 'hd0' is 8388608 bytes on the source but 4194304 bytes here"),
          received.errorDescription());
      assertFalse(destination.runState() == RunState.RUNNING);
    }
    QemuImg.checkClean(smaller);
    assertEquals(before, QemuImg.ok("qemu-img", "map", "--output=json", smaller.toString()),
        "nothing was written to the refused disk");
  }

  @Test
  void aDestinationDiskOfAnotherFormatIsRefused() throws Exception {
    Path stream = dir.resolve("vm3.mig");
    migrateWritingGuest(qcow2("source3.qcow2", DISK_SIZE), stream);

    Path raw = dir.resolve("destination.raw");
    QemuImg.ok("qemu-img", "create", "-q", "-f", "raw", raw.toString(), DISK_SIZE);
    try (Machine destination = Machine.create(new MachineConfig(16L << 20, null, guest, null, "",
        List.of(new DriveConfig(raw, "raw", false, "hd0")), false, true))) {
      IncomingMigration incoming = new IncomingMigration(destination, false);
      incoming.listen("file:" + stream);
      MigrationInfo received = incoming.completion().get(120, TimeUnit.SECONDS);
      assertEquals(MigrationStatus.FAILED, received.status());
      assertTrue(received.errorDescription()
          .contains("drive 'hd0' is qcow2 on the source but raw here"), received.errorDescription());
    }
    assertEquals(-1, java.util.Arrays.mismatch(new byte[8 << 20], Files.readAllBytes(raw)),
        "nothing was written to the refused disk");
  }

  private static int countNonZero(byte[] bytes) {
    int n = 0;
    for (byte b : bytes) {
      if (b != 0) {
        n++;
      }
    }
    return n;
  }
}
