package dev.cairn.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Tab completion from the command table: command names, {@code info} rows, then each parameter's
 * candidates by its {@link ArgType} (snapshot tags, drive names, command names).
 *
 * <p>Reference: QEMU {@code monitor/hmp.c} ({@code monitor_find_completion}).
 */
final class Completion {

  private Completion() {}

  /**
   * The words that could replace the last (partial) word of {@code before}, sorted; empty when
   * nothing fits.
   */
  static List<String> candidates(CommandTable table, MonitorTarget target, String before) {
    List<String> words = new ArrayList<>(List.of(before.stripLeading().split("\\s+", -1)));
    String partial = words.remove(words.size() - 1);
    List<String> pool;
    if (words.isEmpty()) {
      pool = names(table);
    } else {
      Optional<MonitorCommand> command = table.find(words.get(0));
      if (command.isEmpty()) {
        return List.of();
      }
      MonitorCommand row = command.get();
      List<String> args = words.subList(1, words.size());
      if (row.subcommands() != null) {
        if (args.isEmpty()) {
          pool = names(row.subcommands());
          return filter(pool, partial);
        }
        Optional<MonitorCommand> sub = row.subcommands().find(args.get(0));
        if (sub.isEmpty()) {
          return List.of();
        }
        row = sub.get();
        args = args.subList(1, args.size());
      }
      ArgSpec.Param param = row.params().paramFor(args);
      if (param == null) {
        return List.of();
      }
      pool = param.flag() ? List.of(param.name()) : param.type().candidates(target, table);
    }
    return filter(pool, partial);
  }

  private static List<String> names(CommandTable table) {
    List<String> names = new ArrayList<>();
    for (MonitorCommand c : table.commands()) {
      names.add(c.name());
    }
    return names;
  }

  private static List<String> filter(List<String> pool, String partial) {
    TreeSet<String> out = new TreeSet<>();
    for (String word : pool) {
      if (word.startsWith(partial)) {
        out.add(word);
      }
    }
    return List.copyOf(out);
  }
}
