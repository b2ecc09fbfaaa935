package dev.cairn.cli;

import dev.cairn.machine.DriveConfig;
import java.util.List;
import java.util.Optional;

/** Reads {@code cairn run}'s arguments, QEMU style, into a {@link RunSpec}. */
final class QemuArgs {

  private QemuArgs() {}

  /**
   * Parses the arguments after {@code run}.
   *
   * @throws CliException naming the flag, as QEMU does ({@code -foo: invalid option})
   */
  static RunSpec parse(List<String> args) throws CliException {
    RunSpec spec = new RunSpec();
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      if (!token.startsWith("-") || token.equals("-") || token.equals("--")) {
        throw new CliException(
            token + ": unexpected argument (give disks as -drive file=" + token + ",if=virtio)");
      }
      // QEMU accepts -flag and --flag alike.
      String name = token.startsWith("--") ? token.substring(2) : token.substring(1);
      QemuOption option =
          find(name).orElseThrow(() -> new CliException(token + ": invalid option"));
      String arg = null;
      if (option.takesArgument()) {
        if (i + 1 >= args.size()) {
          throw new CliException(token + ": requires an argument");
        }
        arg = args.get(++i);
      }
      option.apply().to(spec, arg);
      if (spec.infoOnly != null) {
        return spec;
      }
    }
    check(spec);
    return spec;
  }

  private static Optional<QemuOption> find(String name) {
    return QemuOptions.ALL.stream().filter(o -> o.names().contains(name)).findFirst();
  }

  /** Combinations QEMU refuses too. */
  private static void check(RunSpec spec) throws CliException {
    if (spec.kernel == null && spec.append != null) {
      throw new CliException("-append only allowed with -kernel option");
    }
    if (spec.kernel == null && spec.initrd != null) {
      throw new CliException("-initrd only allowed with -kernel option");
    }
    attachBlkDevices(spec);
  }

  /** QEMU creates all drives before any device, so -device may name a -drive given later. */
  private static void attachBlkDevices(RunSpec spec) throws CliException {
    for (String id : spec.blkDeviceDrives) {
      DriveConfig drive = spec.unattachedDrives.remove(id);
      if (drive == null) {
        throw new CliException("-device virtio-blk-device,drive=" + id + ": "
            + (spec.driveIds.contains(id) ? "drive '" + id + "' is already in use"
                : "Property 'virtio-blk-device.drive' can't find value '" + id + "'"));
      }
      spec.drives.add(drive);
    }
  }
}
