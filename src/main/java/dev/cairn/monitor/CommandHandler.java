package dev.cairn.monitor;

/** The code behind one monitor command. */
@FunctionalInterface
public interface CommandHandler {

  /**
   * Runs the command, appending its output to {@code call.out()}.
   *
   * @throws MonitorException with a user-facing message when the command cannot be done
   */
  Outcome run(Invocation call) throws MonitorException;
}
