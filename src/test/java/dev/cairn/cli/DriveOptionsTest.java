package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.machine.DriveConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code -drive ...,if=none,id=ID} with {@code -device virtio-blk-device,drive=ID}. */
class DriveOptionsTest {

  private static RunSpec parse(String... args) throws CliException {
    return QemuArgs.parse(List.of(args));
  }

  private static String rejection(String... args) {
    return assertThrows(CliException.class, () -> parse(args)).getMessage();
  }

  @Test
  void aDeviceAttachesANamedDriveInDeviceOrder() throws CliException {
    RunSpec spec = parse(
        "-device", "virtio-blk-device,drive=data",
        "-drive", "file=root.img,format=raw,if=virtio",
        "-drive", "file=data.qcow2,format=qcow2,if=none,id=data");
    assertEquals(List.of(
        new DriveConfig(Path.of("root.img"), "raw", false, null),
        new DriveConfig(Path.of("data.qcow2"), "qcow2", false, "data")), spec.drives);
  }

  @Test
  void aDriveWithIfNoneAndNoDeviceIsNotAttached() throws CliException {
    assertTrue(parse("-drive", "file=x.qcow2,if=none,id=spare").drives.isEmpty());
  }

  @Test
  void refusesUnknownDuplicateAndReusedDrives() {
    assertEquals("-device virtio-blk-device,drive=nope: Property 'virtio-blk-device.drive'"
        + " can't find value 'nope'", rejection("-device", "virtio-blk-device,drive=nope"));
    assertTrue(rejection("-drive", "file=a,if=none,id=d", "-drive", "file=b,if=none,id=d")
        .contains("Duplicate ID 'd' for drive"));
    assertTrue(rejection("-drive", "file=a,if=none,id=d", "-device", "virtio-blk-device,drive=d",
        "-device", "virtio-blk-device,drive=d").contains("already in use"));
    assertTrue(rejection("-drive", "file=a,if=none").contains("needs id="));
    assertTrue(rejection("-device", "virtio-blk-device").contains("drive property not set"));
  }
}
