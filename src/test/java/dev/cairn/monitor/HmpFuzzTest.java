package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random and malformed input typed at the human monitor: raw bytes (control characters, broken
 * escape sequences and UTF-8), and near-miss command lines built from the real command table.
 * Whatever arrives, nothing escapes {@link MonitorSession#receive}, nothing hangs, and the session
 * still answers a plain command afterwards. Seeded, so a failure replays exactly.
 */
class HmpFuzzTest {

  private static final List<String> WORDS = List.of(
      "info", "status", "registers", "mtree", "qtree", "cpus", "snapshots", "version",
      "migrate_capabilities", "x", "xp", "help", "?", "savevm", "loadvm", "delvm", "commit", "all",
      "virtio0", "stop", "cont", "c", "system_reset", "/", "/10x", "/4c", "/zzz", "/99999999999g",
      "/0xg", "$pc", "$sp+8", "$$", "0x80000000", "-0x10", "0x", "+", "-", "\"quoted word\"",
      "\"unterminated", "\\", "\"\\\"", "", "   ", "\t");

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomInputNeverBreaksTheSession(long seed) {
    Random random = new Random(seed);
    FakeTarget target = new FakeTarget();
    target.inspector = new FakeInspector();
    target.drives.add("virtio0");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Monitor monitor = new Monitor(target)) {
      MonitorSession session = monitor.newSession(out);
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        for (int i = 0; i < 40; i++) {
          byte[] input = random.nextBoolean() ? randomBytes(random) : commandLine(random);
          int at = 0;
          while (at < input.length) {
            int n = 1 + random.nextInt(input.length - at);
            session.receive(input, at, n);
            at += n;
          }
          monitor.complete(new String(input, StandardCharsets.UTF_8));
        }
        out.reset();
        byte[] probe = "\u0003\r\ninfo version\r\n".getBytes(StandardCharsets.UTF_8);
        session.receive(probe, 0, probe.length);
      }, "seed " + seed);
      String text = out.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains(CairnVersion.VERSION + "\r\n"), "seed " + seed + ": " + text);
      assertTrue(session.isOpen());
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void argumentBindingOnlyEverThrowsMonitorException(long seed) {
    Random random = new Random(seed);
    for (MonitorCommand command : StandardCommands.table().commands()) {
      String line = new String(commandLine(random), StandardCharsets.UTF_8).strip();
      try {
        command.params().bind(command.name(), line);
      } catch (MonitorException expected) {
        assertTrue(expected.getMessage().startsWith(command.name())
            || expected.getMessage().startsWith("invalid"), expected.getMessage());
      }
    }
    assertEquals(List.of(), new Monitor(new FakeTarget()).complete("\u0000\u001b[" + seed));
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    if (random.nextBoolean()) {
      // Escape sequences and multi-byte starts, cut anywhere.
      byte[] tricky = "\u001b[\u001bO\u001b[3~\u001b[1;5D\u00e9\u20ac\t\u007f\b\r\n"
          .getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i += 7) {
        bytes[i] = tricky[random.nextInt(tricky.length)];
      }
    }
    return bytes;
  }

  private static byte[] commandLine(Random random) {
    StringBuilder line = new StringBuilder();
    int words = 1 + random.nextInt(5);
    for (int w = 0; w < words; w++) {
      line.append(WORDS.get(random.nextInt(WORDS.size())));
      if (random.nextInt(4) > 0) {
        line.append(' ');
      }
    }
    line.append(random.nextBoolean() ? "\r" : "\n");
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }
}
