package dev.cairn.monitor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects typed bytes into lines, echoing them as QEMU's readline does.
 *
 * <p>Enough editing for a terminal in raw mode and for scripts: backspace, CR, LF or CRLF ends a
 * line, and escape sequences (arrow keys) are swallowed rather than put into the line.
 */
final class LineEditor {

  private static final int ESC = 0x1b;

  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean lastWasCr;
  private int escapeState;

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
      swallowEscape(b);
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
        erase(echo);
        return null;
      case ESC:
        escapeState = 1;
        return null;
      default:
        if (b >= 0x20) {
          line.write(b);
          echo.write(b);
        }
        return null;
    }
  }

  private void swallowEscape(int b) {
    if (escapeState == 1) {
      escapeState = (b == '[' || b == 'O') ? 2 : 0;
    } else if (b >= 0x40 && b <= 0x7e) {
      escapeState = 0;
    }
  }

  private String finish(ByteArrayOutputStream echo) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    echo.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return text;
  }

  /** Drops the last character, including all bytes of a UTF-8 sequence. */
  private void erase(ByteArrayOutputStream echo) {
    byte[] bytes = line.toByteArray();
    int end = bytes.length;
    if (end == 0) {
      return;
    }
    do {
      end--;
    } while (end > 0 && (bytes[end] & 0xc0) == 0x80);
    line.reset();
    line.write(bytes, 0, end);
    echo.writeBytes("\b \b".getBytes(StandardCharsets.US_ASCII));
  }
}
