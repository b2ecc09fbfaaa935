package dev.cairn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the firmware {@code -bios default} means when the user gives {@code -kernel}: OpenSBI's
 * generic {@code fw_dynamic.bin}, as QEMU bundles it, from the host's own packages.
 */
final class FirmwareLocator {

  /** Where Debian's qemu-system-data and opensbi packages put it. */
  static final List<Path> DEBIAN_PATHS =
      List.of(
          Path.of("/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin"),
          Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"));

  private final List<Path> candidates;

  FirmwareLocator(List<Path> candidates) {
    this.candidates = List.copyOf(candidates);
  }

  /**
   * Returns the first readable candidate.
   *
   * @throws CliException saying how to get one when none is there
   */
  Path find() throws CliException {
    for (Path path : candidates) {
      if (Files.isReadable(path) && Files.isRegularFile(path)) {
        return path;
      }
    }
    throw new CliException(
        "no default firmware found (looked for "
            + candidates
            + "); install Debian's opensbi package, or give -bios FILE or -bios none");
  }
}
