package dev.cairn.monitor;

/**
 * Hears a monitor session being suspended by a long command, its progress, and its resumption,
 * so a front end (the GUI's Monitor tab) can grey out its input and show a progress line without
 * polling or guessing. Calls come from monitor threads; a GUI hops to its own thread.
 */
public interface SuspensionListener {

  /**
   * The session stopped reading input while {@code commandLine} runs.
   *
   * @param progress the command's first progress line
   */
  default void suspended(String commandLine, String progress) {}

  /** A fresh progress line while suspended (about twice a second). */
  default void progress(String text) {}

  /**
   * The command ended and the session reads input again.
   *
   * @param failure the command's error message, or null when it succeeded
   */
  default void resumed(String failure) {}
}
