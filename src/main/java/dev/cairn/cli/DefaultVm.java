package dev.cairn.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The default Debian riscv64 VM: its images come from the guest recipe. This class is the only
 * place {@code cli} calls into {@code dev.cairn.guest}, so wiring it is one edit.
 */
final class DefaultVm {

  /**
   * Kernel command line for the default VM.
   *
   * <p>TODO(merge): return {@code DebianRecipe.defaultKernelCommandLine()} instead.
   */
  static String append() {
    return "console=ttyS0 earlycon=sbi";
  }

  /** The built images of the default VM (mirrors {@code dev.cairn.guest.GuestImages}). */
  record Images(Path kernel, Path firmware, Path initrd, String kernelVersion) {}

  private DefaultVm() {}

  /**
   * Builds (or finds in the cache) the default VM's images, printing progress to {@code log}.
   *
   * @throws CliException when they cannot be had (no network on first use, bad download, ...)
   */
  static Images images(PrintStream log) throws CliException {
    // TODO(merge): wire the guest recipe here once dev.cairn.guest is on this branch:
    //   try {
    //     GuestImages g = DebianRecipe.create()
    //         .build(new TextProgressRenderer(log, interactive), CancelToken.none());
    //     return new Images(g.kernel(), g.firmware(), g.initrd(), g.kernelVersion());
    //   } catch (GuestBuildException e) {
    //     throw new CliException(e.getMessage());
    //   }
    throw new CliException(
        "the default Debian VM is not available in this build yet; boot your own with"
            + " -kernel FILE [-initrd FILE] [-append CMDLINE]");
  }
}
