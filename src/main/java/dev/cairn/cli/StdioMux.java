package dev.cairn.cli;

import dev.cairn.monitor.MonitorSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Standard input shared by the serial port and the monitor, with QEMU's {@code Ctrl-A} escapes:
 * {@code x} quits, {@code c} switches between serial and monitor, {@code h} lists the keys, {@code
 * Ctrl-A} sends a {@code Ctrl-A}.
 *
 * <p>Reference: QEMU {@code chardev/char-mux.c}.
 */
final class StdioMux implements Runnable {

  static final int ESCAPE = 0x01;

  private static final String HELP =
      "\r\nC-a h    print this help\r\n"
          + "C-a x    exit emulator\r\n"
          + "C-a c    switch between console and monitor\r\n"
          + "C-a C-a  sends C-a\r\n";

  private final InputStream in;
  private final ConsoleOutput console;
  private final Consumer<byte[]> serial;
  private final MonitorSession monitor;
  private final Runnable quit;
  private boolean monitorFocused;
  private boolean escaped;

  /**
   * @param serial takes bytes for the UART; null if the serial port is not on stdio
   * @param monitor the stdio monitor session; null if the monitor is not on stdio
   * @param quit what {@code Ctrl-A x} does
   */
  StdioMux(
      InputStream in,
      ConsoleOutput console,
      Consumer<byte[]> serial,
      MonitorSession monitor,
      Runnable quit) {
    this.in = in;
    this.console = console;
    this.serial = serial;
    this.monitor = monitor;
    this.quit = quit;
    this.monitorFocused = serial == null;
  }

  /** Shows the monitor's banner and prompt when it alone owns stdio. */
  void begin() {
    if (monitorFocused && monitor != null) {
      monitor.greet();
    }
  }

  /** Reads stdin until EOF. EOF only ends the reading: the VM keeps running, as under QEMU. */
  @Override
  public void run() {
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        feed(buffer, n);
      }
    } catch (IOException e) {
      // stdin closed under us; same as EOF.
    }
  }

  void feed(byte[] buffer, int length) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      int b = buffer[i] & 0xff;
      if (escaped) {
        escaped = false;
        start = i + 1;
        escape(b);
      } else if (b == ESCAPE) {
        deliver(buffer, start, i);
        escaped = true;
        start = i + 1;
      }
    }
    if (!escaped) {
      deliver(buffer, start, length);
    }
  }

  private void escape(int b) {
    switch (b) {
      case 'x':
        console.print("Cairn: Terminated\r\n");
        quit.run();
        break;
      case 'c':
        if (serial != null && monitor != null) {
          monitorFocused = !monitorFocused;
          if (monitorFocused) {
            monitor.greet();
          }
        }
        break;
      case 'h':
      case '?':
        console.print(HELP);
        break;
      case ESCAPE:
        deliver(new byte[] {ESCAPE}, 0, 1);
        break;
      default:
        // QEMU drops an unknown escape too.
        break;
    }
  }

  private void deliver(byte[] buffer, int from, int to) {
    if (to <= from) {
      return;
    }
    if (monitorFocused) {
      if (monitor != null) {
        monitor.receive(buffer, from, to - from);
      }
    } else {
      serial.accept(Arrays.copyOfRange(buffer, from, to));
    }
  }
}
