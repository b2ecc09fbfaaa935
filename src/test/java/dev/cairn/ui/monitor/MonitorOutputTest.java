package dev.cairn.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorOutputTest {

  private final StringBuilder transcript = new StringBuilder();
  private final List<String> progress = new ArrayList<>();
  private final MonitorOutput output = new MonitorOutput(transcript::append, progress::add);

  @Test
  void crlfBecomesAPlainNewline() {
    output.feed("(qemu) info status\r\nVM status: running\r\n(qemu) ");
    assertEquals("(qemu) info status\nVM status: running\n(qemu) ", transcript.toString());
    assertEquals(List.of(), progress);
  }

  @Test
  void aLineRedrawnInPlaceIsProgressNotTranscript() {
    output.feed("(qemu) savevm a\r\n");
    output.feed("\rremaining 120 pages\u001b[K");
    output.feed("\rremaining 7 pages\u001b[K");
    output.feed("\r\n(qemu) ");
    assertEquals("(qemu) savevm a\n\n(qemu) ", transcript.toString());
    assertEquals(List.of("remaining 120 pages", "remaining 7 pages"), progress);
  }

  @Test
  void chunksSplitAnywhereGiveTheSameResult() {
    String all = "x\r\n\rpass 2: 5 pages\u001b[K\r\ndone\r\n";
    for (char c : all.toCharArray()) {
      output.feed(String.valueOf(c));
    }
    assertEquals("x\n\ndone\n", transcript.toString());
    assertEquals(List.of("pass 2: 5 pages"), progress);
  }
}
