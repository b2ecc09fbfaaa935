package dev.cairn.cli;

import dev.cairn.guest.CancelToken;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestBuildException;
import dev.cairn.guest.GuestImages;
import dev.cairn.guest.TextProgressRenderer;
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
   */
  static String append() {
    return DebianRecipe.defaultKernelCommandLine();
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
    return images(log, null);
  }

  /** As {@link #images(PrintStream)}, from the given Debian mirror URL (null: the host's). */
  static Images images(PrintStream log, String mirror) throws CliException {
    DebianRecipe.Builder builder = DebianRecipe.builder();
    if (mirror != null) {
      builder.mirror(mirror);
    }
    try {
      GuestImages g = builder.build().build(
          new TextProgressRenderer(log, System.console() != null), CancelToken.none());
      return new Images(g.kernel(), g.firmware(), g.initrd(), g.kernelVersion());
    } catch (GuestBuildException e) {
      throw new CliException(e.getMessage());
    }
  }
}
