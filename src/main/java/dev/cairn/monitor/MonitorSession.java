package dev.cairn.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One conversation with the monitor: bytes in, QEMU-shaped text out ({@code (qemu) } prompt, CRLF
 * line ends, echo of typed characters).
 *
 * <p>Input is pushed with {@link #receive}, so stdio, sockets and the GUI feed it the same way.
 * While a command is pending the session is suspended: input waits in a backlog and is read only
 * after the command completes. Output writes lock {@code out}, so a console shared with the serial
 * port does not interleave mid-write.
 */
public final class MonitorSession implements ClientSession {

  /** QEMU's prompt, kept exactly so that scripts written for QEMU work. */
  public static final String PROMPT = "(qemu) ";

  private static final long PROGRESS_PERIOD_MS = 500;

  private final Monitor monitor;
  private final OutputStream out;
  private final LineEditor editor;
  private final ByteArrayOutputStream backlog = new ByteArrayOutputStream();
  private final List<SuspensionListener> listeners = new CopyOnWriteArrayList<>();
  private boolean greeted;
  private boolean suspended;
  private String suspendedCommand;
  private String progress = "";
  private boolean progressShown;
  private boolean broken;

  MonitorSession(Monitor monitor, OutputStream out) {
    this.monitor = monitor;
    this.out = out;
    this.editor = new LineEditor(monitor::complete, PROMPT);
  }

  /** Hears {@code true} when a command suspends this session and {@code false} when it resumes. */
  public void setSuspendListener(Consumer<Boolean> listener) {
    addSuspensionListener(
        new SuspensionListener() {
          @Override
          public void suspended(String commandLine, String progress) {
            listener.accept(true);
          }

          @Override
          public void resumed(String failure) {
            listener.accept(false);
          }
        });
  }

  /** Adds a listener for suspension, progress and resumption of this session. */
  public void addSuspensionListener(SuspensionListener listener) {
    listeners.add(listener);
  }

  public void removeSuspensionListener(SuspensionListener listener) {
    listeners.remove(listener);
  }

  public synchronized boolean isSuspended() {
    return suspended;
  }

  /** The command line that suspended this session, or null when it is not suspended. */
  public synchronized String suspendedCommand() {
    return suspended ? suspendedCommand : null;
  }

  /** The latest progress line of the suspending command; empty when not suspended. */
  public synchronized String progress() {
    return suspended ? progress : "";
  }

  /** The lines typed so far, oldest first. */
  public synchronized List<String> history() {
    return editor.history();
  }

  /** Prints the banner the first time, then the prompt (QEMU does this when a mux focuses it). */
  @Override
  public synchronized void greet() {
    if (!greeted) {
      greeted = true;
      send(CairnVersion.MONITOR_BANNER + "\n");
    }
    if (!suspended) {
      send(PROMPT);
    }
  }

  /** Takes typed bytes; runs each completed line. Never throws for bad input. */
  @Override
  public synchronized void receive(byte[] data, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (suspended) {
        backlog.write(data, i, offset + length - i);
        return;
      }
      ByteArrayOutputStream echo = new ByteArrayOutputStream();
      String line = editor.feed(data[i], echo);
      sendBytes(echo.toByteArray());
      if (line != null) {
        runLine(line);
      }
    }
  }

  /** False once writing to the client failed; its owner should then drop the session. */
  @Override
  public synchronized boolean isOpen() {
    return !broken;
  }

  private void runLine(String line) {
    StringBuilder text = new StringBuilder();
    Outcome outcome = Outcome.DONE;
    try {
      outcome = monitor.execute(line, text);
    } catch (MonitorException e) {
      text.append("Error: ").append(e.getMessage()).append('\n');
    } catch (RuntimeException e) {
      // A bug or a VM failure must not kill the session; say what happened and carry on.
      text.append("Error: ").append(e.getClass().getSimpleName());
      text.append(e.getMessage() == null ? "" : ": " + e.getMessage()).append('\n');
    }
    send(text.toString());
    if (outcome instanceof Outcome.Pending) {
      suspend(line, (Outcome.Pending) outcome);
    } else {
      send(PROMPT);
    }
  }

  private void suspend(String line, Outcome.Pending pending) {
    suspended = true;
    suspendedCommand = line;
    progress = pending.progress().get();
    for (SuspensionListener listener : listeners) {
      listener.suspended(line, progress);
    }
    ScheduledFuture<?> ticks =
        monitor
            .ticker()
            .scheduleAtFixedRate(
                () -> showProgress(pending),
                PROGRESS_PERIOD_MS,
                PROGRESS_PERIOD_MS,
                TimeUnit.MILLISECONDS);
    pending
        .completion()
        .whenComplete(
            (text, error) -> {
              ticks.cancel(false);
              resume(text, error);
            });
  }

  private synchronized void showProgress(Outcome.Pending pending) {
    if (suspended) {
      progressShown = true;
      progress = pending.progress().get();
      send("\r" + progress + "\u001b[K");
      for (SuspensionListener listener : listeners) {
        listener.progress(progress);
      }
    }
  }

  private synchronized void resume(String text, Throwable error) {
    if (progressShown) {
      send("\r\n");
      progressShown = false;
    }
    String failure = null;
    if (error != null) {
      Throwable cause = error.getCause() != null ? error.getCause() : error;
      failure = String.valueOf(cause.getMessage());
      send("Error: " + failure + "\n");
    } else if (text != null && !text.isEmpty()) {
      send(text.endsWith("\n") ? text : text + "\n");
    }
    suspended = false;
    suspendedCommand = null;
    progress = "";
    for (SuspensionListener listener : listeners) {
      listener.resumed(failure);
    }
    send(PROMPT);
    byte[] waiting = backlog.toByteArray();
    backlog.reset();
    receive(waiting, 0, waiting.length);
  }

  /** Writes text with QEMU's line ends ({@code \n} becomes {@code \r\n}). */
  private void send(String text) {
    sendBytes(text.replaceAll("(?<!\r)\n", "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  private void sendBytes(byte[] bytes) {
    if (bytes.length == 0 || broken) {
      return;
    }
    try {
      synchronized (out) {
        out.write(bytes);
        out.flush();
      }
    } catch (IOException e) {
      broken = true;
    }
  }
}
