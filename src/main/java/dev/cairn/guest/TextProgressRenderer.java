package dev.cairn.guest;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Renders build progress as one text line: rewritten in place with '\r' on a terminal, and as
 * one line per phase otherwise (so logs stay readable).
 */
public final class TextProgressRenderer implements ProgressListener {

  private static final long MIN_INTERVAL_NANOS = 100_000_000L;

  private final PrintStream out;
  private final boolean tty;
  private String lastPhase;
  private long lastDraw;
  private int lastWidth;

  public TextProgressRenderer(PrintStream out, boolean tty) {
    this.out = out;
    this.tty = tty;
  }

  /** A renderer on stderr that rewrites its line when a console is attached. */
  public static TextProgressRenderer forConsole() {
    return new TextProgressRenderer(System.err, System.console() != null);
  }

  @Override
  public synchronized void progress(String phase, long done, long total) {
    boolean newPhase = !phase.equals(lastPhase);
    if (!tty) {
      if (newPhase) {
        out.println(phase);
        lastPhase = phase;
      }
      return;
    }
    long now = System.nanoTime();
    boolean finished = total >= 0 && done >= total;
    if (!newPhase && !finished && now - lastDraw < MIN_INTERVAL_NANOS) {
      return;
    }
    lastPhase = phase;
    lastDraw = now;
    String line = format(phase, done, total);
    StringBuilder sb = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < lastWidth; i++) {
      sb.append(' ');
    }
    lastWidth = line.length();
    out.print(sb);
    out.flush();
  }

  /** Ends the progress line so following output starts on a fresh line. */
  public synchronized void finish() {
    if (tty && lastWidth > 0) {
      out.println();
      lastWidth = 0;
    }
  }

  static String format(String phase, long done, long total) {
    if (total > 1) {
      int percent = (int) Math.min(100, done * 100 / total);
      return String.format(Locale.ROOT, "%s: %s / %s (%d%%)", phase, size(done), size(total),
          percent);
    }
    if (done > 1) {
      return phase + ": " + size(done);
    }
    return phase;
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
