package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.block.qcow2.QemuImg;
import dev.cairn.guest.DataDisk;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.snapshot.SnapshotStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Debian guest on the recipe's qcow2 data disk: it formats and mounts the disk, and a
 * savevm / loadvm brings back a file's old contents as the guest reads them from the disk.
 */
class DiskSnapshotGuestTest {

  private static final Duration BOOT = Duration.ofSeconds(300);
  private static final Duration COMMAND = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void loadvmRestoresTheFileTheGuestChangedAfterSavevm() throws Exception {
    GuestImages images = GuestImagesFixture.images();
    Path disk = DataDisk.ensure(dir.resolve("data.qcow2"), 64L << 20);
    SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
    MachineConfig config = new MachineConfig(256L << 20, images.firmware(), images.kernel(),
        images.initrd(), DebianRecipe.defaultKernelCommandLine() + " " + DataDisk.kernelArgument(0),
        List.of(new DriveConfig(disk, "qcow2", false)), false, false);
    try (Machine machine = Machine.create(config)) {
      SerialConsole console = new SerialConsole(machine::sendSerialInput);
      console.setDiagnostics(() -> DebianBootTest.vcpuState(machine));
      machine.setSerialSink(console);
      machine.start();
      console.awaitOutput("cairn: data disk /dev/vda on /data", BOOT);
      console.awaitOutput(SerialConsole.PROMPT, BOOT);
      console.run("dmesg -n 1", COMMAND);

      console.run("echo before-snapshot > /data/f; sync", COMMAND);
      store.save(machine, "s1");
      console.run("echo after-snapshot > /data/f; sync", COMMAND);
      assertEquals("after-snapshot", console.run("cat /data/f", COMMAND));

      store.load(machine, "s1");
      console.run("sync; echo 3 > /proc/sys/vm/drop_caches", COMMAND);
      assertEquals("before-snapshot", console.run("cat /data/f", COMMAND),
          "the guest reads the snapshot's contents back from the disk");
      // Caches dropped, so this read went to the device: the disk holds the old block.
      assertEquals("ext2", console.run("grep /data /proc/mounts | cut -d' ' -f3", COMMAND));
      console.run("umount /data", COMMAND);
      machine.powerOff();
    }
    QemuImg.checkClean(disk);
    String list = QemuImg.ok("qemu-img", "snapshot", "-l", disk.toString());
    assertTrue(list.contains(" s1 "), list);
    Path raw = QemuImg.toRaw(disk, dir.resolve("data.raw"));
    ByteBuffer superblock = ByteBuffer.wrap(Files.readAllBytes(raw), 1024 + 56, 2);
    assertEquals((short) 0x53EF, superblock.getShort(), "an ext2 superblock, little-endian");
  }
}
