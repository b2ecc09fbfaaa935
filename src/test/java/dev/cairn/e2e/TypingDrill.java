package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Twenty shell commands of 12 to 120 characters, typed the ways input really arrives: whole
 * lines, byte by byte like a person, several lines at once, and a paste cut at odd places.
 *
 * <p>Each command is {@code echo Lnn"":filler}, which prints {@code Lnn:filler}: the printed text
 * never occurs in the typed text, so finding it proves the shell received every byte of the
 * command rather than that the console echoed it. A lost byte changes or removes the output, a
 * lost quote leaves the shell waiting for more input, and a duplicated byte shows up before the
 * {@code \r\n}.
 */
final class TypingDrill {

  /** One command and what it must print. */
  record Line(String command, String expected) {}

  private static final int[] LENGTHS = {
    12, 15, 20, 27, 33, 40, 48, 55, 61, 66, 70, 74, 77, 80, 85, 92, 100, 108, 115, 120
  };
  private static final String FILLER =
      "abcdefghijklmnopqrstuvwxyz0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ_9876543210";
  /** Fixed, so that a failure can be replayed with the same pauses and cuts. */
  private static final long SEED = 20_240_611L;

  private final SerialConsole console;
  private final Duration watchdog;
  private final Random random = new Random(SEED);

  TypingDrill(SerialConsole console, Duration watchdog) {
    this.console = console;
    this.watchdog = watchdog;
  }

  static List<Line> lines() {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < LENGTHS.length; i++) {
      String tag = String.format("L%02d", i + 1);
      String prefix = "echo " + tag + "\"\":";
      StringBuilder filler = new StringBuilder();
      while (prefix.length() + filler.length() < LENGTHS[i]) {
        filler.append(FILLER.charAt((filler.length() + i) % FILLER.length()));
      }
      lines.add(new Line(prefix + filler, tag + ":" + filler));
    }
    return lines;
  }

  /** Types all twenty commands, must be called at a prompt, and ends at a prompt. */
  void run() throws InterruptedException {
    List<Line> lines = lines();
    // 1-6: one call per line, the next typed once the previous one answered.
    for (Line line : lines.subList(0, 6)) {
      console.mark();
      console.type(line.command() + "\n");
      expectInteractive(line);
    }
    // 7-12: byte by byte with pauses of 1 to 15 ms, as a person (or a slow pipe) types.
    for (Line line : lines.subList(6, 12)) {
      console.mark();
      console.typeSlowly(line.command() + "\n", Duration.ofMillis(1 + random.nextInt(15)));
      expectInteractive(line);
    }
    // 13-15: three lines in one call, so the shell reads ahead while a command runs.
    console.mark();
    console.type(joined(lines.subList(12, 15)));
    expectAll(lines.subList(12, 15));
    // 16-20: five lines cut into pieces of 1 to 64 bytes sent back to back, like a pipe's reads.
    console.mark();
    String paste = joined(lines.subList(15, 20));
    for (int at = 0; at < paste.length(); ) {
      int end = Math.min(paste.length(), at + 1 + random.nextInt(64));
      console.type(paste.substring(at, end));
      at = end;
    }
    expectAll(lines.subList(15, 20));
  }

  private void expectInteractive(Line line) throws InterruptedException {
    String seen =
        console.awaitOutput(line.expected() + "\r\n", watchdog)
            + console.awaitOutput(SerialConsole.PROMPT, watchdog);
    // Short lines are echoed verbatim; longer ones wrap with cursor moves, so skip their echo.
    if (SerialConsole.PROMPT.length() + line.command().length() < 79) {
      assertTrue(
          SerialConsole.plain(seen).contains(line.command() + "\n"),
          () -> "the echo of " + line.command() + " is incomplete:\n"
              + SerialConsole.visible(seen));
    }
  }

  private void expectAll(List<Line> lines) throws InterruptedException {
    for (Line line : lines) {
      console.awaitOutput(line.expected() + "\r\n", watchdog);
    }
    console.awaitOutput(SerialConsole.PROMPT, watchdog);
  }

  private static String joined(List<Line> lines) {
    StringBuilder text = new StringBuilder();
    for (Line line : lines) {
      text.append(line.command()).append('\n');
    }
    return text.toString();
  }
}
