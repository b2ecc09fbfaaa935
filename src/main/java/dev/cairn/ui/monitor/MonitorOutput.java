package dev.cairn.ui.monitor;

import java.util.function.Consumer;

/**
 * Splits the monitor session's terminal-shaped output into transcript text and progress lines.
 *
 * <p>A suspended session redraws one line in place, {@code "\r" + progress + "ESC[K"}; a terminal
 * shows that as a changing line, the GUI shows it under the input instead. Everything else is
 * transcript, with CRLF turned into LF. Feed it in any
 * chunking: state is kept between calls. Not thread-safe.
 */
final class MonitorOutput {

  private static final String ERASE_LINE = "\u001b[K";

  private final Consumer<String> transcript;
  private final Consumer<String> progress;
  private final StringBuilder progressLine = new StringBuilder();
  private boolean afterCr;
  private boolean inProgress;

  MonitorOutput(Consumer<String> transcript, Consumer<String> progress) {
    this.transcript = transcript;
    this.progress = progress;
  }

  void feed(String text) {
    StringBuilder plain = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inProgress) {
        progressLine.append(c);
        if (endsWith(progressLine, ERASE_LINE)) {
          progress.accept(progressLine.substring(0, progressLine.length() - ERASE_LINE.length()));
          progressLine.setLength(0);
          inProgress = false;
        }
        continue;
      }
      if (afterCr) {
        afterCr = false;
        if (c != '\n') {
          // A bare CR starts a line drawn in place: a progress line.
          inProgress = true;
          progressLine.append(c);
          continue;
        }
      }
      if (c == '\r') {
        afterCr = true;
      } else {
        plain.append(c);
      }
    }
    if (plain.length() > 0) {
      transcript.accept(plain.toString());
    }
  }

  private static boolean endsWith(StringBuilder text, String suffix) {
    int start = text.length() - suffix.length();
    return start >= 0 && text.indexOf(suffix, start) == start;
  }
}
