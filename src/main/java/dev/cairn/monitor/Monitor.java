package dev.cairn.monitor;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The human monitor of one VM: the command table and the target, shared by all its sessions (stdio,
 * TCP and Unix socket clients).
 *
 * <p>Commands from all sessions run one at a time, as under QEMU's big lock; a suspended command
 * does not hold that lock, so other sessions stay usable while one waits.
 */
public final class Monitor implements AutoCloseable {

  private final MonitorTarget target;
  private final CommandTable commands;
  private final CommandDispatcher dispatcher;
  private final Object commandLock = new Object();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "monitor-progress");
            t.setDaemon(true);
            return t;
          });

  public Monitor(MonitorTarget target) {
    this(target, StandardCommands.table());
  }

  public Monitor(MonitorTarget target, CommandTable commands) {
    this.target = target;
    this.commands = commands;
    this.dispatcher = new CommandDispatcher(commands);
  }

  /** A new session writing to {@code out}; call {@link MonitorSession#greet()} to show it. */
  public MonitorSession newSession(OutputStream out) {
    return new MonitorSession(this, out);
  }

  Outcome execute(String line, StringBuilder out) throws MonitorException {
    synchronized (commandLock) {
      return dispatcher.dispatch(line, target, out);
    }
  }

  /**
   * Runs one command line as if typed, outside any session (QMP's {@code human-monitor-command}).
   * Returns the text it printed (lines end in {@code \n}), or a pending outcome whose completion
   * carries the rest.
   *
   * @throws MonitorException with the message a session would print after {@code Error: }
   */
  public Outcome run(String line, StringBuilder out) throws MonitorException {
    return execute(line, out);
  }

  /** Completion candidates for the word being typed at the end of {@code before}. */
  public List<String> complete(String before) {
    return Completion.candidates(commands, target, before);
  }

  public MonitorTarget target() {
    return target;
  }

  ScheduledExecutorService ticker() {
    return ticker;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
