package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cairn.hw.chr.CharSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The guest's serial console as seen by a test: collects everything the guest prints (from any
 * thread) and types input.
 *
 * <p>Reading works with a mark: {@link #awaitOutput} only looks at output after the mark and
 * moves the mark past what it found, so a test reads the console as a conversation.
 */
final class SerialConsole implements CharSink {

  /**
   * Busybox's ash prompt as root in /root. Debian's busybox asks for the cursor position
   * ({@code ESC[6n}) right after it, so the prompt is matched without what follows.
   */
  static final String PROMPT = "~ # ";

  /** Busybox's line editor wraps at 80 columns; one-line commands keep echoes plain. */
  private static final int MAX_COMMAND = 80 - PROMPT.length() - 1;

  private static final Pattern ESCAPE_SEQUENCE = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

  private final Consumer<byte[]> input;
  /** Guest bytes as chars, one char per byte (ISO-8859-1), so offsets are byte offsets. */
  private final StringBuilder output = new StringBuilder();
  private int mark;
  private Supplier<String> diagnostics = () -> "";
  /** Why an earlier wait failed; later waits then fail at once instead of each timing out. */
  private String broken;
  private boolean ended;

  /** @param input where typed bytes go, e.g. {@code machine::sendSerialInput} */
  SerialConsole(Consumer<byte[]> input) {
    this.input = input;
  }

  /** Extra state to put in every watchdog failure message (e.g. where the vCPU is). */
  void setDiagnostics(Supplier<String> diagnostics) {
    this.diagnostics = diagnostics;
  }

  @Override
  public synchronized void write(byte b) {
    output.append((char) (b & 0xff));
    notifyAll();
  }

  /** Types {@code text} in one go, as a paste or a pipe would deliver it. */
  void type(String text) {
    input.accept(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Types {@code text} one byte at a time with {@code pause} between bytes, like a person. */
  void typeSlowly(String text, Duration pause) throws InterruptedException {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      input.accept(new byte[] {b});
      Thread.sleep(pause.toMillis());
    }
  }

  /** Says no more output will come (the process behind a pipe ended). */
  synchronized void endOfStream() {
    ended = true;
    notifyAll();
  }

  /** Waits until {@link #endOfStream} was called; with a watchdog. */
  synchronized void awaitEndOfStream(Duration watchdog) throws InterruptedException {
    long deadline = System.nanoTime() + watchdog.toNanos();
    while (!ended && System.nanoTime() < deadline) {
      wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    if (!ended) {
      fail("the output stream did not end within " + watchdog.toSeconds() + " s");
    }
  }

  /** Moves the mark to the end of the output seen so far. */
  synchronized void mark() {
    mark = output.length();
  }

  /**
   * Waits until {@code text} appears after the mark, then returns the output from the mark to
   * the end of {@code text} and moves the mark past it.
   *
   * @param watchdog how long to wait before failing the test; not a performance assertion
   */
  String awaitOutput(String text, Duration watchdog) throws InterruptedException {
    String sinceMark;
    synchronized (this) {
      if (broken != null) {
        fail("not waiting for " + visible(text) + ": an earlier wait failed (" + broken + ")");
      }
      long deadline = System.nanoTime() + watchdog.toNanos();
      int at;
      while ((at = output.indexOf(text, mark)) < 0 && System.nanoTime() < deadline) {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      if (at >= 0) {
        String seen = output.substring(mark, at + text.length());
        mark = at + text.length();
        return seen;
      }
      broken = "no " + visible(text) + " within " + watchdog.toSeconds() + " s";
      sinceMark = output.substring(mark);
    }
    // Outside the lock: sampling the vCPU waits for its thread, which may be writing to us.
    String state = diagnostics.get();
    fail("no " + visible(text) + " in the guest output within " + watchdog.toSeconds() + " s"
        + (state.isEmpty() ? "" : "; " + state) + "; output since the mark:\n"
        + visible(tail(sinceMark, 3000)));
    return null;
  }

  /**
   * Runs one shell command at the prompt and returns what it printed: the lines between the
   * echoed command and the next prompt, without carriage returns and terminal escapes.
   */
  String run(String command, Duration watchdog) throws InterruptedException {
    if (command.length() > MAX_COMMAND || command.contains("\n")) {
      throw new IllegalArgumentException("keep test commands on one line: " + command);
    }
    mark();
    type(command + "\n");
    String seen = awaitOutput(PROMPT, watchdog);
    String text = plain(seen.substring(0, seen.length() - PROMPT.length()));
    String echo = command + "\n";
    int start = text.indexOf(echo);
    if (start < 0) {
      fail("the shell did not echo " + visible(command) + "; it printed:\n" + visible(seen));
    }
    String result = text.substring(start + echo.length());
    return result.endsWith("\n") ? result.substring(0, result.length() - 1) : result;
  }

  /** Everything the guest printed so far. */
  synchronized String output() {
    return output.toString();
  }

  /** The last {@code chars} characters of the output, control characters made visible. */
  synchronized String tail(int chars) {
    return visible(tail(output.toString(), chars));
  }

  /** Drops carriage returns and terminal escape sequences (e.g. busybox's {@code ESC[6n}). */
  static String plain(String text) {
    return ESCAPE_SEQUENCE.matcher(text).replaceAll("").replace("\r", "");
  }

  /** Shows control characters as {@code \r}, {@code \e} or {@code \xNN} in messages. */
  static String visible(String text) {
    return text.chars()
        .mapToObj(
            c -> {
              if (c == '\n') {
                return "\\n\n";
              } else if (c == '\r') {
                return "\\r";
              } else if (c == 0x1b) {
                return "\\e";
              } else if (c < 0x20 || c >= 0x7f) {
                return String.format("\\x%02x", c);
              }
              return String.valueOf((char) c);
            })
        .collect(Collectors.joining());
  }

  private static String tail(String text, int chars) {
    return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
  }
}
