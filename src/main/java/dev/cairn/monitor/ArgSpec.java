package dev.cairn.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's parameters, read from the same text that {@code help} shows.
 *
 * <p>Each word of the text is one parameter: {@code name} is a required word, {@code [name]} an
 * optional one, {@code [-d]} a flag, {@code /fmt} an optional word that starts with a slash
 * ({@code x /10x}), and a trailing {@code ...} ({@code text...} or {@code [text...]}) takes the rest
 * of the line. A name may carry a type after a colon ({@code tag:tag}, {@code addr:addr}, see
 * {@link ArgType}); help shows the name without it. So the help line, the parser and completion
 * cannot disagree.
 */
public final class ArgSpec {

  /** One parameter; {@code flag} and {@code slash} parameters are optional by nature. */
  record Param(
      String name, ArgType type, boolean optional, boolean rest, boolean flag, boolean slash) {}

  private final String text;
  private final List<Param> params;

  private ArgSpec(String text, List<Param> params) {
    this.text = text;
    this.params = params;
  }

  /** Reads a parameter text such as {@code "[cmd]"}, {@code "tag:tag"}; empty for none. */
  public static ArgSpec of(String text) {
    List<Param> params = new ArrayList<>();
    StringBuilder shown = new StringBuilder();
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
      ArgType type = ArgType.WORD;
      int colon = name.indexOf(':');
      if (colon > 0) {
        type = ArgType.named(name.substring(colon + 1));
        name = name.substring(0, colon);
      }
      boolean flag = optional && name.startsWith("-");
      boolean slash = name.startsWith("/");
      params.add(new Param(name, type, optional || slash, rest, flag, slash));
      if (shown.length() > 0) {
        shown.append(' ');
      }
      String display = name + (rest ? "..." : "");
      shown.append(optional ? "[" + display + "]" : display);
    }
    return new ArgSpec(shown.toString(), List.copyOf(params));
  }

  /** The text as help shows it (types left out). */
  public String text() {
    return text;
  }

  List<Param> params() {
    return params;
  }

  /**
   * Binds the words of a command line (after the command name) to the parameters. A flag that is
   * given maps to its own name ({@code "-d" -> "-d"}); absent optional parameters are missing.
   *
   * @param command the command's name, for messages
   * @param line what follows the command name
   * @throws MonitorException when a required argument is missing, a value does not fit its type,
   *     or extra words are left
   */
  public Map<String, String> bind(String command, String line) throws MonitorException {
    Map<String, String> values = new LinkedHashMap<>();
    String rest = line.strip();
    for (Param param : params) {
      if (rest.isEmpty()) {
        if (!param.optional()) {
          throw new MonitorException(command + ": missing argument '" + param.name() + "'");
        }
        continue;
      }
      if (param.rest()) {
        param.type().check(command, param.name(), rest);
        values.put(param.name(), rest);
        rest = "";
        break;
      }
      String[] split = Words.first(rest);
      if (param.flag() && !split[0].equals(param.name())) {
        continue;
      }
      if (param.slash() && !split[0].startsWith("/")) {
        continue;
      }
      param.type().check(command, param.name(), split[0]);
      values.put(param.name(), split[0]);
      rest = split[1];
    }
    if (!rest.isEmpty()) {
      throw new MonitorException(command + ": extraneous characters at the end of line");
    }
    return values;
  }

  /**
   * The parameter that word number {@code index} (0-based, after the command name) would fill,
   * given the words before it; null when there is none. Used by completion.
   */
  Param paramFor(List<String> wordsBefore) {
    int next = 0;
    for (String word : wordsBefore) {
      while (next < params.size()) {
        Param p = params.get(next++);
        if (p.rest()) {
          return p;
        }
        if ((p.flag() && !word.equals(p.name())) || (p.slash() && !word.startsWith("/"))) {
          continue;
        }
        break;
      }
    }
    while (next < params.size() && (params.get(next).flag() || params.get(next).slash())) {
      next++;
    }
    return next < params.size() ? params.get(next) : null;
  }
}
