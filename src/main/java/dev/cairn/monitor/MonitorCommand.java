package dev.cairn.monitor;

import java.util.List;

/**
 * One row of the command table: everything {@code help}, parsing and dispatch need to know.
 *
 * @param name what the user types
 * @param aliases other spellings ({@code q} for {@code quit})
 * @param params the parameter text shown by help and parsed by {@link ArgSpec}
 * @param help one line saying what the command does
 * @param handler the code; null for a command that only groups {@code subcommands}
 * @param maySuspend whether the handler may return {@link Outcome.Pending}
 * @param subcommands the sub-table ({@code info status}); null if none
 */
public record MonitorCommand(
    String name,
    List<String> aliases,
    ArgSpec params,
    String help,
    CommandHandler handler,
    boolean maySuspend,
    CommandTable subcommands) {

  public MonitorCommand {
    aliases = List.copyOf(aliases);
  }

  /** A plain command that finishes at once. */
  public static MonitorCommand of(
      String name, List<String> aliases, String params, String help, CommandHandler handler) {
    return new MonitorCommand(name, aliases, ArgSpec.of(params), help, handler, false, null);
  }

  /** A command that may suspend the monitor until its work completes. */
  public static MonitorCommand suspending(
      String name, String params, String help, CommandHandler handler) {
    return new MonitorCommand(name, List.of(), ArgSpec.of(params), help, handler, true, null);
  }

  /** A command whose first argument picks a row of {@code subcommands} ({@code info}). */
  public static MonitorCommand group(String name, String help, CommandTable subcommands) {
    return new MonitorCommand(
        name, List.of(), ArgSpec.of("[subcommand]"), help, null, false, subcommands);
  }

  public boolean answersTo(String word) {
    return name.equals(word) || aliases.contains(word);
  }

  /** The help line, shaped like QEMU's: {@code names params -- help}. */
  public String helpLine(String prefix) {
    String names = aliases.isEmpty() ? name : name + "|" + String.join("|", aliases);
    return prefix + names + " " + params.text() + " -- " + help;
  }
}
