package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Editing keys, history and completion of the monitor's line editor. */
class LineEditorTest {

  private static final String UP = "\u001b[A";
  private static final String DOWN = "\u001b[B";
  private static final String LEFT = "\u001b[D";
  private static final String RIGHT = "\u001b[C";
  private static final String HOME = "\u001b[H";
  private static final String DELETE = "\u001b[3~";

  private final List<String> offered = new ArrayList<>(List.of("info", "inject"));
  private final LineEditor editor = new LineEditor(before -> offered, "(qemu) ");
  private final ByteArrayOutputStream echo = new ByteArrayOutputStream();

  /** Feeds text; returns the lines it completed. */
  private List<String> type(String text) {
    List<String> lines = new ArrayList<>();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      String line = editor.feed(b, echo);
      if (line != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void plainTypingEchoesExactlyWhatWasTyped() {
    assertEquals(List.of("info status"), type("info status\r\n"));
    assertEquals("info status\r\n", echo.toString(StandardCharsets.UTF_8));
  }

  @Test
  void arrowsMoveTheCursorAndTypingInsertsThere() {
    assertEquals(List.of("info status"), type("inf stat" + LEFT + LEFT + LEFT + LEFT + LEFT
        + "o" + RIGHT + RIGHT + RIGHT + RIGHT + RIGHT + "us\r"));
  }

  @Test
  void homeDeleteAndCtrlKEditTheMiddleOfTheLine() {
    assertEquals(List.of("stop"), type("xstop" + HOME + DELETE + "\r"));
    assertEquals(List.of("info"), type("info status" + LEFT.repeat(7) + "\u000b\r"));
    assertEquals(List.of("cont"), type("coxnt" + LEFT + LEFT + "\u007f\r"));
  }

  @Test
  void upAndDownWalkTheHistory() {
    type("stop\r");
    type("cont\r");
    assertEquals(List.of("cont"), type(UP + "\r"));
    assertEquals(List.of("stop"), type(UP + UP + "\r"));
    assertEquals(List.of("new"), type(UP + DOWN + "new\r"));
    assertEquals(List.of("stop", "cont", "stop", "new"), editor.history());
  }

  @Test
  void historyKeepsNoBlankLinesAndNoImmediateRepeats() {
    type("stop\r\r   \rstop\r");
    assertEquals(List.of("stop"), editor.history());
  }

  @Test
  void tabCompletesAUniqueCandidateWithASpace() {
    offered.remove("inject");
    assertNull(editor.feed('i', echo));
    type("n\t");
    assertEquals(List.of("info status"), type("status\r"));
  }

  @Test
  void tabWithSeveralCandidatesListsThemAndRedrawsTheLine() {
    type("in");
    echo.reset();
    type("\t");
    assertEquals("\r\ninfo  inject\r\n(qemu) in", echo.toString(StandardCharsets.UTF_8));
  }

  @Test
  void multiByteCharactersAreOneCharacterForEditing() {
    assertEquals(List.of("savevm é"), type("savevm éx\u007f\r"));
  }

  @Test
  void overlongLinesAreCutInsteadOfGrowingWithoutBound() {
    String line = type("a".repeat(LineEditor.MAX_LINE + 100) + "\r").get(0);
    assertEquals(LineEditor.MAX_LINE, line.length());
  }
}
