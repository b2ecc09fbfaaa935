package dev.cairn.monitor;

import java.util.List;
import java.util.Optional;

/** An ordered set of monitor commands, looked up by name or alias. */
public final class CommandTable {

  private final List<MonitorCommand> commands;

  public CommandTable(List<MonitorCommand> commands) {
    this.commands = List.copyOf(commands);
  }

  public List<MonitorCommand> commands() {
    return commands;
  }

  public Optional<MonitorCommand> find(String word) {
    return commands.stream().filter(c -> c.answersTo(word)).findFirst();
  }

  /** Appends the help lines of every row, each line prefixed (e.g. {@code "info "}). */
  public void appendHelp(StringBuilder out, String prefix) {
    for (MonitorCommand command : commands) {
      out.append(command.helpLine(prefix)).append('\n');
    }
  }

  /** A new table with one more row; for adding commands that live outside this package. */
  public CommandTable with(MonitorCommand command) {
    List<MonitorCommand> rows = new java.util.ArrayList<>(commands);
    rows.add(command);
    return new CommandTable(rows);
  }
}
