package dev.cairn.monitor;

import java.util.function.Function;

/**
 * The address argument of {@code x} and {@code xp}: numbers ({@code 0x80200000}, {@code 4096}) and
 * registers ({@code $pc}, {@code $sp}, {@code $x10}) joined by {@code +} and {@code -}, without
 * blanks. A small part of what QEMU's monitor expression parser accepts.
 *
 * <p>Reference: QEMU {@code monitor/hmp.c} ({@code expr_sum}, {@code get_monitor_def}).
 */
final class AddressExpression {

  private AddressExpression() {}

  /** Checks the shape only (registers are looked up when the command runs). */
  static void checkSyntax(String command, String text) throws MonitorException {
    evaluate(command, text, name -> 0L);
  }

  /**
   * Evaluates {@code text}.
   *
   * @param register the value of a register by name (without {@code $}), or null if unknown
   * @throws MonitorException for a malformed expression or an unknown register
   */
  static long evaluate(String command, String text, Function<String, Long> register)
      throws MonitorException {
    if (text.isEmpty()) {
      throw new MonitorException(command + ": missing address");
    }
    long sum = 0;
    int i = 0;
    boolean negative = false;
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    while (true) {
      int end = i;
      while (end < text.length() && text.charAt(end) != '+' && text.charAt(end) != '-') {
        end++;
      }
      long term = term(command, text.substring(i, end), register);
      sum += negative ? -term : term;
      if (end == text.length()) {
        return sum;
      }
      negative = text.charAt(end) == '-';
      i = end + 1;
    }
  }

  private static long term(String command, String term, Function<String, Long> register)
      throws MonitorException {
    if (term.isEmpty()) {
      throw new MonitorException(command + ": malformed address expression");
    }
    if (term.startsWith("$")) {
      Long value = register.apply(term.substring(1));
      if (value == null) {
        throw new MonitorException(command + ": unknown register '" + term + "'");
      }
      return value;
    }
    if (term.startsWith("+") || term.startsWith("-")) {
      throw new MonitorException(command + ": malformed address expression");
    }
    return ArgType.parseLong(command, "addr", term);
  }
}
