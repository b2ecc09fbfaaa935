package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.hw.input.LinuxInput;
import dev.cairn.machine.RunState;
import dev.cairn.migration.snapshot.SnapshotInfo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisplayCommandsTest {

  /** A target with a 4x2 screen and a keyboard that records what it is sent. */
  private static final class ScreenTarget implements MonitorTarget {
    final DisplaySurface surface = new DisplaySurface();
    final List<String> keys = new ArrayList<>();
    boolean hasDisplay = true;

    @Override
    public Optional<DisplaySurface> display() {
      return hasDisplay ? Optional.of(surface) : Optional.empty();
    }

    @Override
    public InputEvents input() {
      return new InputEvents() {
        @Override
        public void key(int linuxCode, boolean pressed) {
          keys.add((pressed ? "+" : "-") + linuxCode);
        }

        @Override
        public void pointer(int x, int y, int width, int height) {}

        @Override
        public void button(int linuxButton, boolean pressed) {}

        @Override
        public void wheel(int steps) {}
      };
    }

    @Override
    public RunState runState() {
      return RunState.RUNNING;
    }

    @Override
    public void stop() {}

    @Override
    public void cont() {}

    @Override
    public void reset() {}

    @Override
    public void powerDown() {}

    @Override
    public void quit() {}

    @Override
    public void savevm(String tag) {}

    @Override
    public void loadvm(String tag) {}

    @Override
    public void delvm(String tag) {}

    @Override
    public List<SnapshotInfo> snapshots() {
      return List.of();
    }
  }

  private final ScreenTarget target = new ScreenTarget();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final MonitorSession session = new Monitor(target).newSession(out);

  private String type(String line) {
    out.reset();
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    session.receive(bytes, 0, bytes.length);
    String printed = out.toString(StandardCharsets.UTF_8);
    return printed.substring(line.length() + 2, printed.length() - MonitorSession.PROMPT.length());
  }

  @Test
  void screendumpWritesThePixelsAsPngAndPpm(@TempDir Path dir) throws Exception {
    int[] pixels = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFFFFFFFF,
                    0xFF000000, 0xFF123456, 0xFF808080, 0xFFABCDEF};
    target.surface.show(pixels, 4, 0, 0, 4, 2);
    Path png = dir.resolve("screen.png");
    assertEquals("", type("screendump " + png));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(4, image.getWidth());
    assertEquals(2, image.getHeight());
    assertEquals(0xFF123456, image.getRGB(1, 1));
    Path ppm = dir.resolve("screen.ppm");
    assertEquals("", type("screendump " + ppm));
    byte[] bytes = Files.readAllBytes(ppm);
    String header = "P6\n4 2\n255\n";
    assertEquals(header, new String(bytes, 0, header.length(), StandardCharsets.US_ASCII));
    assertEquals(header.length() + 24, bytes.length);
    assertEquals((byte) 0xFF, bytes[header.length()]); // red of the first pixel
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void screendumpWithoutDisplayBlankOrUnwritableSaysWhy(@TempDir Path dir) {
    assertTrue(type("screendump " + dir.resolve("a.png")).contains("blank"));
    target.surface.show(new int[4], 2, 0, 0, 2, 2);
    assertTrue(type("screendump " + dir.resolve("no/such/dir/a.png"))
        .contains("could not write"));
    target.hasDisplay = false;
    assertTrue(type("screendump " + dir.resolve("a.png")).contains("no QemuConsole"));
  }

  @Test
  void sendkeyPressesInOrderAndReleasesInReverse() {
    assertEquals("", type("sendkey ctrl-alt-f2 0"));
    int f2 = LinuxInput.KEY_F1 + 1;
    assertEquals(List.of("+29", "+56", "+" + f2, "-" + f2, "-56", "-29"), target.keys);
  }

  @Test
  void sendkeyWithABadKeyOrHoldTimeSendsNothing() {
    assertTrue(type("sendkey ctrl-foo").contains("unknown key 'foo'"));
    assertTrue(type("sendkey a -5").contains("hold-time"));
    assertTrue(type("sendkey a soon").contains("hold-time"));
    assertTrue(target.keys.isEmpty());
    assertTrue(type("help sendkey").contains("sendkey keys [hold-time]"));
  }
}
