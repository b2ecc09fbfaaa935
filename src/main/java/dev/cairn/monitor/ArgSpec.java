package dev.cairn.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's parameters, read from the same text that {@code help} shows.
 *
 * <p>Each word of the text is one parameter: {@code name} is a required word, {@code [name]} an
 * optional one, and a trailing {@code ...} ({@code text...} or {@code [text...]}) takes the rest of
 * the line. An optional word that starts with a dash ({@code [-d]}) is a flag: it binds (to
 * {@code "on"}) only when that very word is typed. So the help line and the parser cannot
 * disagree.
 */
public final class ArgSpec {

  private record Param(String name, boolean optional, boolean rest) {}

  private final String text;
  private final List<Param> params;

  private ArgSpec(String text, List<Param> params) {
    this.text = text;
    this.params = params;
  }

  /** Reads a parameter text such as {@code "[cmd]"} or {@code "tag"}; empty for none. */
  public static ArgSpec of(String text) {
    List<Param> params = new ArrayList<>();
    for (String word : text.trim().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      boolean optional = word.startsWith("[") && word.endsWith("]");
      String name = optional ? word.substring(1, word.length() - 1) : word;
      boolean rest = name.endsWith("...");
      if (rest) {
        name = name.substring(0, name.length() - 3);
      }
      params.add(new Param(name, optional, rest));
    }
    return new ArgSpec(text.trim(), List.copyOf(params));
  }

  /** The text as written, for help lines. */
  public String text() {
    return text;
  }

  /**
   * Binds the words of a command line (after the command name) to the parameters.
   *
   * @param command the command's name, for messages
   * @param line what follows the command name
   * @throws MonitorException when a required argument is missing or extra words are left
   */
  public Map<String, String> bind(String command, String line) throws MonitorException {
    Map<String, String> values = new LinkedHashMap<>();
    String rest = line.strip();
    for (Param param : params) {
      if (rest.isEmpty()) {
        if (!param.optional()) {
          throw new MonitorException(command + ": missing argument '" + param.name() + "'");
        }
        continue; // a required word may still follow optional flags ("[-d] uri")
      }
      if (param.optional() && param.name().startsWith("-")) {
        String[] split = Words.first(rest);
        if (split[0].equals(param.name())) {
          values.put(param.name(), "on");
          rest = split[1];
        }
        continue;
      }
      if (param.rest()) {
        values.put(param.name(), rest);
        rest = "";
        break;
      }
      String[] split = Words.first(rest);
      values.put(param.name(), split[0]);
      rest = split[1];
    }
    if (!rest.isEmpty()) {
      throw new MonitorException(command + ": extraneous characters at the end of line");
    }
    return values;
  }
}
