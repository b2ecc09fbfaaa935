package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextProgressRendererTest {

  @Test
  void progressShowsSizesAndPercent() {
    assertEquals("downloading x: 1.0 MiB / 4.0 MiB (25%)",
        TextProgressRenderer.format("downloading x", 1 << 20, 4 << 20));
    assertEquals("checking", TextProgressRenderer.format("checking", 0, -1));
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextProgressRenderer r = new TextProgressRenderer(new PrintStream(bytes, true,
        StandardCharsets.UTF_8), true);
    r.progress("a long phase name", 0, -1);
    r.progress("b", 1, -1);
    r.finish();
    // The shorter second line is padded with blanks to wipe the rest of the first.
    assertEquals("\ra long phase name\rb" + " ".repeat(16) + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutATerminalEachPhaseIsPrintedOnce() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextProgressRenderer r = new TextProgressRenderer(new PrintStream(bytes, true,
        StandardCharsets.UTF_8), false);
    r.progress("a", 1, 10);
    r.progress("a", 2, 10);
    r.progress("b", 1, 10);
    assertEquals("a" + System.lineSeparator() + "b" + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }
}
