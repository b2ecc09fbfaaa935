package dev.cairn.migration.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.block.qcow2.QemuImg;
import dev.cairn.migration.DiskWriterGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate -b} between two {@code cairn run} processes over loopback, without shared
 * storage: a guest keeps writing sectors of its qcow2 disk all through the migration; the
 * destination, started paused ({@code -S}) on an empty qcow2 of the same size, must hold exactly
 * the source's disk at the switch-over (the source stays stopped in postmigrate, so its disk is
 * that state), and then run on, writing its own disk.
 */
class TwoProcessStorageMigrationTest {

  private static final Duration EXIT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void aGuestWritingItsDiskMigratesWithItsDiskOverTcp() throws Exception {
    Path guest = DiskWriterGuest.build(dir);
    Path sourceDisk = qcow2("source.qcow2");
    Path destinationDisk = qcow2("destination.qcow2");
    try (VmProcess destination = VmProcess.start(dir, guest, "-drive", drive(destinationDisk), "-S",
            "-incoming", "tcp:127.0.0.1:0");
        VmProcess source = VmProcess.start(dir, guest, "-drive", drive(sourceDisk))) {
      String address = destination.incomingAddress();
      source.awaitSerial(100);
      HmpClient monitor = source.monitor();
      int printedBefore = source.serial().length();
      assertEquals("", monitor.command("migrate -d -b " + address));
      VmProcess.waitFor(Duration.ofSeconds(120),
          () -> !field(monitor, "Migration status").matches("setup|active|device|"),
          "the migration to end");
      assertEquals("completed", field(monitor, "Migration status"));
      assertEquals("8192", field(monitor, "total disk").split(" ")[0]);
      assertEquals("VM status: paused (postmigrate)\n", monitor.command("info status"));
      assertTrue(source.serial().length() > printedBefore, "the guest wrote during migration");

      // Both sides stopped: the source's disk is the switch-over state, the destination's has
      // received it; both were flushed. Copies, as the running processes hold their images' locks.
      byte[] atSwitchOver = raw(sourceDisk, "source.raw");
      byte[] received = raw(destinationDisk, "destination.raw");
      assertTrue(nonZero(atSwitchOver) > 100_000, "the guest wrote its disk");
      assertEquals(-1, Arrays.mismatch(atSwitchOver, received),
          "the destination disk differs from the source's at switch-over");

      HmpClient destinationMonitor = destination.monitor();
      assertEquals("", destinationMonitor.command("cont"));
      destination.awaitSerial(64);
      destinationMonitor.type("quit\n");
      destination.awaitExit(EXIT);
      monitor.type("quit\n");
      source.awaitExit(EXIT);
    }
    QemuImg.checkClean(destinationDisk);
    QemuImg.checkClean(sourceDisk);
  }

  private Path qcow2(String name) throws Exception {
    Path file = dir.resolve(name);
    QemuImg.ok("qemu-img", "create", "-q", "-f", "qcow2", file.toString(), "8M");
    return file;
  }

  private static String drive(Path disk) {
    return "file=" + disk + ",format=qcow2,id=hd0";
  }

  private byte[] raw(Path image, String name) throws Exception {
    Path copy = Files.copy(image, dir.resolve(name + ".qcow2"));
    QemuImg.checkClean(copy);
    return Files.readAllBytes(QemuImg.toRaw(copy, dir.resolve(name)));
  }

  private static int nonZero(byte[] bytes) {
    int n = 0;
    for (byte b : bytes) {
      n += b != 0 ? 1 : 0;
    }
    return n;
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
