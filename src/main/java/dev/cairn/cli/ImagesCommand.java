package dev.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code cairn images fetch}: builds the default VM's images now, so that later runs start offline.
 */
@Command(name = "images", description = "Manage guest images.")
final class ImagesCommand implements Callable<Integer> {

  private final CliContext context;

  ImagesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.err().println("cairn: give an images command: fetch");
    return 1;
  }

  /** The {@code fetch} subcommand. */
  @Command(
      name = "fetch",
      description = "Download and build the default Debian VM's images into the cache.")
  static final class Fetch implements Callable<Integer> {

    private final CliContext context;

    @picocli.CommandLine.Option(
        names = "--mirror",
        paramLabel = "URL",
        description = "Debian mirror to use instead of the one in the host's apt sources.")
    String mirror;

    Fetch(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws CliException {
      DefaultVm.Images images = DefaultVm.images(context.err(), mirror);
      context.out().println("kernel:   " + images.kernel() + " (" + images.kernelVersion() + ")");
      context.out().println("firmware: " + images.firmware());
      context.out().println("initrd:   " + images.initrd());
      context.out().flush();
      return 0;
    }
  }
}
