package dev.cairn.guest;

/**
 * Command-line entry that builds the Debian guest images and prints where they are:
 * {@code [--mirror URL] [--refresh]}.
 */
public final class GuestImagesCli {

  private GuestImagesCli() {}

  public static void main(String[] args) {
    DebianRecipe.Builder builder = DebianRecipe.builder();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mirror" -> {
          if (i + 1 >= args.length) {
            usage("--mirror needs a URL, e.g. --mirror http://HOST/debian/");
          }
          builder.mirror(args[++i]);
        }
        case "--refresh" -> builder.refresh(true);
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    DebianRecipe recipe = builder.build();
    TextProgressRenderer progress = TextProgressRenderer.forConsole();
    CancelToken cancel = new CancelToken();
    Runtime.getRuntime().addShutdownHook(new Thread(cancel::cancel));
    try {
      GuestImages images = recipe.build(progress, cancel);
      progress.finish();
      System.out.println("kernel:   " + images.kernel());
      System.out.println("firmware: " + images.firmware());
      System.out.println("initrd:   " + images.initrd());
      System.out.println("version:  " + images.kernelVersion());
      System.out.println("cmdline:  " + DebianRecipe.defaultKernelCommandLine());
    } catch (GuestBuildException e) {
      progress.finish();
      System.err.println("cairn: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void usage(String problem) {
    System.err.println("cairn: " + problem);
    System.err.println("usage: GuestImagesCli [--mirror URL] [--refresh]");
    System.exit(2);
  }
}
