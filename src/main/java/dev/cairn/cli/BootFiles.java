package dev.cairn.cli;

import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.MachineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@link RunSpec} into a {@link MachineConfig}: picks the default VM's images or the
 * user's, finds the firmware, checks every file can be read, and probes disk formats.
 */
final class BootFiles {

  private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

  private final CliContext context;

  BootFiles(CliContext context) {
    this.context = context;
  }

  /**
   * @throws CliException naming the file when one is missing or unreadable
   */
  MachineConfig resolve(RunSpec spec) throws CliException {
    Path kernel = spec.kernel;
    Path initrd = spec.initrd;
    String append = spec.append;
    Path bios;
    if (kernel == null) {
      DefaultVm.Images images = DefaultVm.images(context.err());
      kernel = images.kernel();
      initrd = images.initrd();
      append = DefaultVm.append();
      bios = spec.biosMode == RunSpec.BiosMode.DEFAULT ? images.firmware() : spec.bios;
    } else {
      // The user's own file first: a typo there is likelier than missing firmware.
      readable("kernel", kernel);
      bios = spec.biosMode == RunSpec.BiosMode.DEFAULT ? context.firmware().find() : spec.bios;
    }
    readable("kernel", kernel);
    if (initrd != null) {
      readable("initrd", initrd);
    }
    if (bios != null) {
      readable("firmware", bios);
    }
    List<DriveConfig> drives = new ArrayList<>();
    for (DriveConfig drive : spec.drives) {
      drives.add(checkDrive(drive));
    }
    return new MachineConfig(
        spec.ramSize,
        bios,
        kernel,
        initrd,
        append,
        drives,
        spec.virtioRng,
        spec.deterministicClock).withDisplay(spec.display);
  }

  private static void readable(String what, Path path) throws CliException {
    String problem = problem(path);
    if (problem != null) {
      throw new CliException("could not load " + what + " '" + path + "': " + problem);
    }
  }

  private static String problem(Path path) {
    if (!Files.exists(path)) {
      return "no such file";
    }
    if (Files.isDirectory(path)) {
      return "is a directory";
    }
    if (!Files.isReadable(path)) {
      return "permission denied";
    }
    return null;
  }

  private static DriveConfig checkDrive(DriveConfig drive) throws CliException {
    Path file = drive.file();
    String problem = problem(file);
    if (problem != null) {
      throw new CliException("could not open disk image '" + file + "': " + problem);
    }
    if (!drive.readOnly() && !Files.isWritable(file)) {
      throw new CliException(
          "could not open disk image '"
              + file
              + "' for writing: permission denied"
              + " (add readonly=on to -drive)");
    }
    String format = drive.format() != null ? drive.format() : probe(file);
    return new DriveConfig(file, format, drive.readOnly());
  }

  /** QEMU probes a drive without {@code format=} the same way: qcow2 by its magic, else raw. */
  private static String probe(Path file) throws CliException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(4), QCOW2_MAGIC) ? "qcow2" : "raw";
    } catch (IOException e) {
      throw new CliException("could not read disk image '" + file + "': " + e.getMessage());
    }
  }
}
