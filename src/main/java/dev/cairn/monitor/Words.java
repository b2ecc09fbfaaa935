package dev.cairn.monitor;

/** Splits monitor lines into words: blanks separate, double quotes keep blanks in a word. */
final class Words {

  private Words() {}

  /**
   * Returns {@code {firstWord, restOfLineStripped}} for a line that is not blank. A word in double
   * quotes may contain blanks; {@code \"} and {@code \\} escape inside quotes.
   */
  static String[] first(String line) {
    String s = line.stripLeading();
    StringBuilder word = new StringBuilder();
    int i = 0;
    if (s.startsWith("\"")) {
      for (i = 1; i < s.length() && s.charAt(i) != '"'; i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
          c = s.charAt(++i);
        }
        word.append(c);
      }
      i = Math.min(i + 1, s.length());
    } else {
      while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
        word.append(s.charAt(i++));
      }
    }
    return new String[] {word.toString(), s.substring(i).strip()};
  }
}
