package dev.cairn.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the controlling terminal in raw mode for the guest's console and restores it on every way
 * out (normal exit, {@code Ctrl-A x}, a signal), through {@code stty} on {@code /dev/tty}.
 */
final class TerminalMode {

  private final String saved;
  private boolean restored;

  private TerminalMode(String saved) {
    this.saved = saved;
  }

  /**
   * Switches to raw mode without echo.
   *
   * @param signals keep Ctrl-C as a signal (QEMU's {@code -serial stdio}); with {@code -nographic}
   *     QEMU sends it to the guest instead
   * @return the handle to restore with, or null if the terminal could not be switched (then Cairn
   *     runs with the terminal as it is, after a warning)
   */
  static TerminalMode enterRaw(boolean signals) {
    try {
      String saved = stty("-g").trim();
      List<String> args = new ArrayList<>(List.of("raw", "-echo"));
      if (signals) {
        args.add("isig");
      }
      stty(args.toArray(new String[0]));
      TerminalMode mode = new TerminalMode(saved);
      Runtime.getRuntime().addShutdownHook(new Thread(mode::restore, "restore-terminal"));
      return mode;
    } catch (IOException e) {
      System.err.println("cairn: cannot put the terminal in raw mode: " + e.getMessage());
      return null;
    }
  }

  /** Restores the saved settings; safe to call more than once and from a shutdown hook. */
  synchronized void restore() {
    if (restored) {
      return;
    }
    restored = true;
    try {
      stty(saved);
    } catch (IOException e) {
      System.err.println("cairn: cannot restore the terminal (run 'stty sane'): " + e.getMessage());
    }
  }

  private static String stty(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("stty"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectInput(new File("/dev/tty"))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IOException("stty " + String.join(" ", args) + " failed");
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running stty", e);
    }
  }
}
