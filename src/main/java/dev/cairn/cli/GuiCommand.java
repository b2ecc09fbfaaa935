package dev.cairn.cli;

import dev.cairn.ui.Launcher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code cairn gui}: opens the desktop application and returns when its window closes. */
@Command(name = "gui", description = "Open the desktop application.")
final class GuiCommand implements Callable<Integer> {

  /** The GUI could not start (no display, no JavaFX); distinct from usage errors (1). */
  static final int NOT_AVAILABLE = 2;

  private final CliContext context;

  GuiCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (!hasDisplay(System.getenv())) {
      context.err().println("cairn: cannot open the GUI: no display (DISPLAY and WAYLAND_DISPLAY"
          + " are unset); use 'cairn run' on a headless host");
      return NOT_AVAILABLE;
    }
    try {
      Launcher.main(new String[0]);
      return 0;
    } catch (UnsupportedOperationException | IllegalStateException | UnsatisfiedLinkError e) {
      // JavaFX says so when there is no display to open a window on.
      context.err().println("cairn: cannot open the GUI: " + e.getMessage()
          + " (is DISPLAY set? use 'cairn run' on a headless host)");
      return NOT_AVAILABLE;
    }
  }

  /** Whether a window can be opened: an X or Wayland display is named in the environment. */
  static boolean hasDisplay(java.util.Map<String, String> env) {
    return !env.getOrDefault("DISPLAY", "").isBlank()
        || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
  }
}
