package dev.cairn.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * QEMU's option-argument syntax: comma-separated {@code key=value} pairs, {@code ,,} for a literal
 * comma, a bare first word for the option's implied key, and a bare later word {@code flag} or
 * {@code noflag} meaning {@code flag=on} or {@code flag=off}.
 *
 * <p>Reference: QEMU {@code util/qemu-option.c} ({@code opts_do_parse}).
 */
final class QemuOpts {

  private QemuOpts() {}

  /**
   * Parses {@code text}.
   *
   * @param impliedKey the key a bare first word belongs to (e.g. {@code "file"}); null if none
   * @throws CliException for an empty key or a key given twice
   */
  static Map<String, String> parse(String option, String text, String impliedKey)
      throws CliException {
    Map<String, String> values = new LinkedHashMap<>();
    boolean first = true;
    int i = 0;
    while (i <= text.length()) {
      StringBuilder item = new StringBuilder();
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == ',') {
          if (i + 1 < text.length() && text.charAt(i + 1) == ',') {
            item.append(',');
            i += 2;
            continue;
          }
          break;
        }
        item.append(c);
        i++;
      }
      i++;
      put(option, text, values, item.toString(), first ? impliedKey : null);
      first = false;
    }
    return values;
  }

  private static void put(
      String option, String text, Map<String, String> values, String item, String impliedKey)
      throws CliException {
    int eq = item.indexOf('=');
    String key;
    String value;
    if (eq >= 0) {
      key = item.substring(0, eq);
      value = item.substring(eq + 1);
    } else if (impliedKey != null) {
      key = impliedKey;
      value = item;
    } else if (item.startsWith("no") && item.length() > 2) {
      key = item.substring(2);
      value = "off";
    } else {
      key = item;
      value = "on";
    }
    if (key.isEmpty()) {
      throw new CliException(option + " " + text + ": empty parameter name");
    }
    if (values.putIfAbsent(key, value) != null) {
      throw new CliException(option + " " + text + ": parameter '" + key + "' given twice");
    }
  }

  /** Reads an on/off value the ways QEMU accepts it. */
  static boolean bool(String option, String key, String value) throws CliException {
    switch (value) {
      case "on":
      case "yes":
      case "true":
      case "y":
        return true;
      case "off":
      case "no":
      case "false":
      case "n":
        return false;
      default:
        throw new CliException(
            option + ": parameter '" + key + "' expects 'on' or 'off', not '" + value + "'");
    }
  }

  /** Fails naming the first key that is not among {@code allowed}. */
  static void onlyKeys(String option, String text, Map<String, String> values, String... allowed)
      throws CliException {
    for (String key : values.keySet()) {
      if (!java.util.Arrays.asList(allowed).contains(key)) {
        throw new CliException(option + " " + text + ": invalid parameter '" + key + "'");
      }
    }
  }
}
