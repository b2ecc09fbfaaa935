package dev.cairn.cli;

import java.util.List;

/**
 * One QEMU flag that {@code cairn run} understands: one row of {@link QemuOptions}.
 *
 * @param names spellings without the leading dash ({@code "M"} and {@code "machine"})
 * @param argName the argument's name in help, or null for a flag without argument
 * @param help one line for {@code cairn run -help}
 * @param apply records the flag in the spec; the argument is null for a flag
 */
record QemuOption(List<String> names, String argName, String help, Apply apply) {

  /** Applies one occurrence of the flag. */
  @FunctionalInterface
  interface Apply {
    void to(RunSpec spec, String arg) throws CliException;
  }

  QemuOption {
    names = List.copyOf(names);
  }

  boolean takesArgument() {
    return argName != null;
  }

  /** The help line: {@code -m SIZE RAM size ...}. */
  String helpLine() {
    String flag = "-" + String.join(", -", names) + (argName == null ? "" : " " + argName);
    if (flag.length() > 34) {
      return "  " + flag + "\n" + " ".repeat(37) + help;
    }
    return String.format(java.util.Locale.ROOT, "  %-34s %s", flag, help);
  }
}
