package dev.cairn.monitor;

import java.util.Map;
import java.util.Optional;

/** Turns one monitor line into a call of the matching table row. */
final class CommandDispatcher {

  private final CommandTable table;

  CommandDispatcher(CommandTable table) {
    this.table = table;
  }

  /**
   * Runs one line. Unknown commands print QEMU's {@code unknown command: '...'} and are not errors.
   *
   * @throws MonitorException for bad arguments or a failed command
   */
  Outcome dispatch(String line, MonitorTarget target, StringBuilder out) throws MonitorException {
    String[] split = Words.first(line);
    if (split[0].isEmpty()) {
      return Outcome.DONE;
    }
    Optional<MonitorCommand> found = table.find(split[0]);
    if (found.isEmpty()) {
      out.append("unknown command: '").append(split[0]).append("'\n");
      return Outcome.DONE;
    }
    MonitorCommand command = found.get();
    String rest = split[1];
    if (command.subcommands() != null) {
      if (rest.isEmpty()) {
        command.subcommands().appendHelp(out, command.name() + " ");
        return Outcome.DONE;
      }
      String[] subSplit = Words.first(rest);
      Optional<MonitorCommand> sub = command.subcommands().find(subSplit[0]);
      if (sub.isEmpty()) {
        out.append("unknown command: '")
            .append(command.name())
            .append(' ')
            .append(subSplit[0])
            .append("'\n");
        return Outcome.DONE;
      }
      command = sub.get();
      rest = subSplit[1];
    }
    Map<String, String> args = command.params().bind(command.name(), rest);
    Outcome outcome = command.handler().run(new Invocation(target, args, out, table));
    if (outcome instanceof Outcome.Pending && !command.maySuspend()) {
      throw new IllegalStateException(command.name() + " suspended but is not marked maySuspend");
    }
    return outcome;
  }
}
