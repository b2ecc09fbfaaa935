package dev.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code cairn gui}: the JavaFX application; a placeholder until it lands. */
@Command(name = "gui", description = "Open the desktop application.")
final class GuiCommand implements Callable<Integer> {

  /** Distinct from usage errors (1): the command is right, the feature is missing. */
  static final int NOT_AVAILABLE = 2;

  private final CliContext context;

  GuiCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.err().println("cairn: the GUI arrives in a later release");
    return NOT_AVAILABLE;
  }
}
