package dev.cairn.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The default Debian riscv64 VM: its images come from the guest recipe. This class is the only
 * place {@code cli} calls into {@code dev.cairn.guest}, so wiring it is one edit.
 */
final class DefaultVm {

  /** Kernel command line for the default VM: the console on the 16550 UART, as QEMU users do. */
  static final String APPEND = "console=ttyS0 earlycon=sbi";

  /** The built images of the default VM (mirrors {@code dev.cairn.guest.GuestImages}). */
  record Images(Path kernel, Path firmware, Path initrd, String kernelVersion) {}

  private DefaultVm() {}

  /**
   * Builds (or finds in the cache) the default VM's images, printing progress to {@code log}.
   *
   * @throws CliException when they cannot be had (no network on first use, bad download, ...)
   */
  static Images images(PrintStream log) throws CliException {
    // TODO(merge): wire the guest recipe here once dev.cairn.guest lands on this branch:
    //   GuestImages g = new DebianRecipe(...).build(progressListenerPrintingTo(log), cancelToken);
    //   return new Images(g.kernel(), g.firmware(), g.initrd(), g.kernelVersion());
    // Wrap its failures (IOException, cancellation) in CliException with the recipe's message.
    throw new CliException(
        "the default Debian VM is not available in this build yet; boot your own with"
            + " -kernel FILE [-initrd FILE] [-append CMDLINE]");
  }
}
