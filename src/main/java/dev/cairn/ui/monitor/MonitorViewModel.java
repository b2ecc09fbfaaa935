package dev.cairn.ui.monitor;

import dev.cairn.monitor.CommandTable;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorCommand;
import dev.cairn.monitor.MonitorSession;
import dev.cairn.monitor.StandardCommands;
import dev.cairn.monitor.SuspensionListener;
import dev.cairn.ui.UiThread;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Monitor tab's state: a transcript, the input line with history and completion, and whether
 * the session is suspended.
 *
 * <p>Suspension comes from the monitor itself ({@link SuspensionListener}): when a
 * command such as {@code savevm} or {@code migrate} suspends the session, {@link #suspended()}
 * turns true and the command and its progress line appear in {@link #progressText()}; both
 * clear when the command ends. Typed lines go to the session on a thread of their own, because a
 * command may run for a while before it returns or suspends.
 */
public final class MonitorViewModel implements AutoCloseable {

  /** The transcript keeps this many characters; older text falls off the top. */
  static final int TRANSCRIPT_LIMIT = 200_000;

  private final UiThread ui;
  private final ReadOnlyStringWrapper transcript = new ReadOnlyStringWrapper("");
  private final StringProperty input = new SimpleStringProperty("");
  private final BooleanProperty suspended = new SimpleBooleanProperty();
  private final BooleanProperty attached = new SimpleBooleanProperty();
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final BooleanBinding inputDisabled;
  private final List<String> history = new ArrayList<>();
  private int historyIndex;
  private CommandTable commands = StandardCommands.table();
  private MonitorSession session;
  private ExecutorService sender;

  public MonitorViewModel(UiThread ui) {
    this.ui = ui;
    this.inputDisabled = Bindings.createBooleanBinding(
        () -> suspended.get() || !attached.get(), suspended, attached);
  }

  /**
   * Opens a session on {@code monitor} and shows its banner and prompt; a previous session is
   * closed first. {@code table} is the monitor's command table, for completion.
   */
  public void attach(Monitor monitor, CommandTable table) {
    detach();
    commands = table;
    // Progress lines the session draws in place stay out of the transcript; the progress text
    // itself comes from the suspension listener below.
    MonitorOutput output = new MonitorOutput(
        text -> ui.execute(() -> appendTranscript(text)), text -> {});
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        output.feed(new String(b, off, len, StandardCharsets.UTF_8));
      }
    };
    MonitorSession next = monitor.newSession(out);
    next.addSuspensionListener(new SuspensionListener() {
      @Override
      public void suspended(String commandLine, String progress) {
        ui.execute(() -> {
          suspended.set(true);
          progressText.set(commandLine + ": " + progress.strip());
        });
      }

      @Override
      public void progress(String text) {
        ui.execute(() -> progressText.set(text.strip()));
      }

      @Override
      public void resumed(String failure) {
        ui.execute(() -> {
          suspended.set(false);
          progressText.set("");
        });
      }
    });
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cairn-monitor-input");
      t.setDaemon(true);
      return t;
    });
    session = next;
    sender = thread;
    transcript.set("");
    attached.set(true);
    thread.execute(next::greet);
  }

  /** Forgets the session (the VM was closed); input is disabled until the next attach. */
  public void detach() {
    if (sender != null) {
      sender.shutdownNow();
    }
    sender = null;
    session = null;
    attached.set(false);
    suspended.set(false);
    progressText.set("");
  }

  /** Sends the input line to the monitor, adds it to the history and clears it. */
  public void submit() {
    if (inputDisabled.get()) {
      return;
    }
    String line = input.get() == null ? "" : input.get();
    if (!line.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(line))) {
      history.add(line);
    }
    historyIndex = history.size();
    input.set("");
    MonitorSession target = session;
    byte[] bytes = (line + "\r").getBytes(StandardCharsets.UTF_8);
    sender.execute(() -> target.receive(bytes, 0, bytes.length));
  }

  /** Shows the previous history entry (Up arrow). */
  public void historyUp() {
    if (historyIndex > 0) {
      historyIndex--;
      input.set(history.get(historyIndex));
    }
  }

  /** Shows the next history entry, then an empty line (Down arrow). */
  public void historyDown() {
    if (historyIndex < history.size() - 1) {
      historyIndex++;
      input.set(history.get(historyIndex));
    } else {
      historyIndex = history.size();
      input.set("");
    }
  }

  /**
   * Completes the input from the command table (Tab): a unique match is filled in with a trailing
   * space, several matches are listed in the transcript and their common prefix filled in.
   */
  public void complete() {
    String text = input.get() == null ? "" : input.get();
    String prefix = "";
    CommandTable table = commands;
    String word = text;
    int space = text.indexOf(' ');
    if (space >= 0) {
      String first = text.substring(0, space);
      MonitorCommand group = table.find(first).orElse(null);
      if (group == null || group.subcommands() == null || text.indexOf(' ', space + 1) >= 0) {
        return;
      }
      prefix = first + " ";
      table = group.subcommands();
      word = text.substring(space + 1);
    }
    List<String> matches = new ArrayList<>();
    for (MonitorCommand command : table.commands()) {
      if (command.name().startsWith(word)) {
        matches.add(command.name());
      }
    }
    if (matches.size() == 1) {
      input.set(prefix + matches.get(0) + " ");
    } else if (matches.size() > 1) {
      input.set(prefix + commonPrefix(matches));
      appendTranscript("\n" + String.join("  ", matches) + "\n" + MonitorSession.PROMPT);
    }
  }

  private static String commonPrefix(List<String> words) {
    String common = words.get(0);
    for (String w : words) {
      int n = 0;
      while (n < common.length() && n < w.length() && common.charAt(n) == w.charAt(n)) {
        n++;
      }
      common = common.substring(0, n);
    }
    return common;
  }

  private void appendTranscript(String text) {
    String next = transcript.get() + text;
    if (next.length() > TRANSCRIPT_LIMIT) {
      next = next.substring(next.length() - TRANSCRIPT_LIMIT);
    }
    transcript.set(next);
  }

  public ReadOnlyStringProperty transcript() {
    return transcript.getReadOnlyProperty();
  }

  public StringProperty input() {
    return input;
  }

  /** True while a command keeps the monitor suspended. */
  public ReadOnlyBooleanProperty suspended() {
    return suspended;
  }

  /** The suspended command's progress line ("remaining 1234 pages, 56 MiB/s"), else empty. */
  public ReadOnlyStringProperty progressText() {
    return progressText.getReadOnlyProperty();
  }

  /** True while suspended or with no VM to talk to. */
  public BooleanBinding inputDisabled() {
    return inputDisabled;
  }

  @Override
  public void close() {
    detach();
  }
}
