package dev.cairn.monitor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects typed bytes into lines with QEMU readline's editing: echo, backspace and delete, the
 * cursor keys (left/right, home/end, Ctrl-E, Ctrl-K), command history on up/down, and Tab
 * completion. CR, LF or CRLF ends a line. Scripts that only type plain lines see plain echo.
 *
 * <p>Reference: QEMU {@code util/readline.c}.
 */
final class LineEditor {

  private static final int ESC = 0x1b;
  private static final int MAX_HISTORY = 64;
  /** Longer lines are cut: one client must not make the monitor hold megabytes. */
  static final int MAX_LINE = 4096;

  private final Function<String, List<String>> completer;
  private final String prompt;
  private final StringBuilder line = new StringBuilder();
  private final List<String> history = new ArrayList<>();
  private final ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
  private int utf8Needed;
  private int cursor;
  private int historyIndex;
  private boolean lastWasCr;
  private int escapeState;
  private final StringBuilder escapeParams = new StringBuilder();

  /**
   * @param completer candidates for the word being typed, given the text before the cursor
   * @param prompt shown again after a list of completions
   */
  LineEditor(Function<String, List<String>> completer, String prompt) {
    this.completer = completer;
    this.prompt = prompt;
  }

  LineEditor() {
    this(text -> List.of(), "");
  }

  /**
   * Takes one byte.
   *
   * @param echo receives what to show the user for this byte
   * @return the finished line (without its end) or null while a line is in progress
   */
  String feed(int b, ByteArrayOutputStream echo) {
    b &= 0xff;
    boolean afterCr = lastWasCr;
    lastWasCr = false;
    if (escapeState > 0) {
      escape(b, echo);
      return null;
    }
    if (utf8Needed > 0) {
      continueUtf8(b, echo);
      return null;
    }
    switch (b) {
      case '\r':
        lastWasCr = true;
        return finish(echo);
      case '\n':
        return afterCr ? null : finish(echo);
      case 0x7f:
      case '\b':
        backspace(echo);
        return null;
      case '\t':
        complete(echo);
        return null;
      case 0x05: // Ctrl-E
        moveTo(line.length(), echo);
        return null;
      case 0x0b: // Ctrl-K
        line.setLength(cursor);
        write(echo, "\u001b[K");
        return null;
      case ESC:
        escapeState = 1;
        return null;
      default:
        if (b >= 0x80) {
          startUtf8(b);
        } else if (b >= 0x20) {
          insert(String.valueOf((char) b), echo);
        }
        return null;
    }
  }

  private void startUtf8(int b) {
    utf8.reset();
    utf8.write(b);
    utf8Needed = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
  }

  private void continueUtf8(int b, ByteArrayOutputStream echo) {
    if ((b & 0xc0) != 0x80) {
      utf8Needed = 0; // a broken sequence is dropped; the byte starts afresh
      feed(b, echo);
      return;
    }
    utf8.write(b);
    if (--utf8Needed == 0) {
      insert(utf8.toString(StandardCharsets.UTF_8), echo);
    }
  }

  private void escape(int b, ByteArrayOutputStream echo) {
    if (escapeState == 1) {
      escapeState = (b == '[' || b == 'O') ? 2 : 0;
      escapeParams.setLength(0);
      return;
    }
    if (b < 0x40 || b > 0x7e) {
      if (escapeParams.length() < 8) {
        escapeParams.append((char) b);
      }
      return;
    }
    escapeState = 0;
    String params = escapeParams.toString();
    switch (b) {
      case 'A' -> recall(-1, echo);
      case 'B' -> recall(1, echo);
      case 'C' -> moveTo(Math.min(cursor + 1, line.length()), echo);
      case 'D' -> moveTo(Math.max(cursor - 1, 0), echo);
      case 'H' -> moveTo(0, echo);
      case 'F' -> moveTo(line.length(), echo);
      case '~' -> {
        if (params.equals("1") || params.equals("7")) {
          moveTo(0, echo);
        } else if (params.equals("4") || params.equals("8")) {
          moveTo(line.length(), echo);
        } else if (params.equals("3")) {
          deleteAtCursor(echo);
        }
      }
      default -> {
        // Other keys (function keys, ...) are ignored, as QEMU's readline does.
      }
    }
  }

  private void insert(String text, ByteArrayOutputStream echo) {
    if (line.length() + text.length() > MAX_LINE) {
      return;
    }
    line.insert(cursor, text);
    cursor += text.length();
    String tail = line.substring(cursor);
    write(echo, text + tail);
    back(echo, tail.length());
  }

  private void backspace(ByteArrayOutputStream echo) {
    if (cursor == 0) {
      return;
    }
    moveTo(cursor - 1, echo);
    deleteAtCursor(echo);
  }

  private void deleteAtCursor(ByteArrayOutputStream echo) {
    if (cursor >= line.length()) {
      return;
    }
    line.deleteCharAt(cursor);
    String tail = line.substring(cursor);
    write(echo, tail + " ");
    back(echo, tail.length() + 1);
  }

  private void moveTo(int target, ByteArrayOutputStream echo) {
    if (target < cursor) {
      back(echo, cursor - target);
    } else if (target > cursor) {
      write(echo, line.substring(cursor, target));
    }
    cursor = target;
  }

  private static void back(ByteArrayOutputStream echo, int columns) {
    // Backspaces rather than CSI n D: every terminal (and QEMU's own tests) understands them.
    write(echo, "\b".repeat(columns));
  }

  private void replaceLine(String text, ByteArrayOutputStream echo) {
    back(echo, cursor);
    line.setLength(0);
    line.append(text);
    cursor = line.length();
    write(echo, text + "\u001b[K");
  }

  private void recall(int direction, ByteArrayOutputStream echo) {
    int next = historyIndex + direction;
    if (next < 0 || next > history.size()) {
      return;
    }
    historyIndex = next;
    replaceLine(next == history.size() ? "" : history.get(next), echo);
  }

  private void complete(ByteArrayOutputStream echo) {
    String before = line.substring(0, cursor);
    int wordStart = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
    String partial = before.substring(wordStart);
    List<String> candidates = completer.apply(before);
    if (candidates.isEmpty()) {
      return;
    }
    String common = commonPrefix(candidates);
    if (candidates.size() == 1) {
      insert(common.substring(Math.min(partial.length(), common.length())) + " ", echo);
    } else if (common.length() > partial.length()) {
      insert(common.substring(partial.length()), echo);
    } else {
      write(echo, "\r\n" + String.join("  ", candidates) + "\r\n" + prompt + line);
      back(echo, line.length() - cursor);
    }
  }

  private static String commonPrefix(List<String> words) {
    String prefix = words.get(0);
    for (String w : words) {
      int n = 0;
      while (n < prefix.length() && n < w.length() && prefix.charAt(n) == w.charAt(n)) {
        n++;
      }
      prefix = prefix.substring(0, n);
    }
    return prefix;
  }

  private String finish(ByteArrayOutputStream echo) {
    String text = line.toString();
    line.setLength(0);
    cursor = 0;
    if (!text.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(text))) {
      history.add(text);
      if (history.size() > MAX_HISTORY) {
        history.remove(0);
      }
    }
    historyIndex = history.size();
    write(echo, "\r\n");
    return text;
  }

  /** The lines entered so far, oldest first (for a GUI's history list). */
  List<String> history() {
    return List.copyOf(history);
  }

  private static void write(ByteArrayOutputStream echo, String text) {
    echo.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
