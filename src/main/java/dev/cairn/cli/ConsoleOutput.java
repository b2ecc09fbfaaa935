package dev.cairn.cli;

import dev.cairn.hw.chr.CharSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Standard output shared by the serial port and a stdio monitor. Writers lock {@link #stream()}
 * (the monitor session does too), so their bytes never interleave mid-write.
 */
final class ConsoleOutput implements AutoCloseable {

  private static final long FLUSH_PERIOD_MS = 20;

  private final BufferedOutputStream out;
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "console-flush");
            t.setDaemon(true);
            return t;
          });

  ConsoleOutput(OutputStream stdout) {
    this.out = new BufferedOutputStream(stdout, 1 << 16);
    // A guest that prints a prompt without a newline and then idles must still be seen, even if
    // the UART never signals the end of a burst.
    flusher.scheduleAtFixedRate(
        this::flush, FLUSH_PERIOD_MS, FLUSH_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  OutputStream stream() {
    return out;
  }

  /** The UART's sink: buffered, flushed at the end of each burst and at each newline. */
  CharSink serialSink() {
    return new CharSink() {
      @Override
      public void write(byte b) {
        synchronized (out) {
          try {
            out.write(b);
            if (b == '\n') {
              out.flush();
            }
          } catch (IOException e) {
            // stdout is gone (closed pipe); the guest keeps running, as under QEMU.
          }
        }
      }

      @Override
      public void flush() {
        ConsoleOutput.this.flush();
      }
    };
  }

  /** Writes text at once, e.g. the mux's messages. */
  void print(String text) {
    synchronized (out) {
      try {
        out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        // see serialSink
      }
    }
  }

  void flush() {
    synchronized (out) {
      try {
        out.flush();
      } catch (IOException e) {
        // see serialSink
      }
    }
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    flush();
  }
}
