package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.hw.input.QemuKeyNames;
import dev.cairn.machine.DisplayDevices;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import dev.cairn.migration.VmStateStream;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.migration.snapshot.SnapshotStore;
import dev.cairn.monitor.MachineSnapshots;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorException;
import dev.cairn.monitor.MonitorSession;
import dev.cairn.monitor.MonitorTarget;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the Debian guest with virtio-gpu, keyboard and tablet and checks the display through the
 * human monitor, as a user without a window would: screendump shows the framebuffer console,
 * sendkey types on tty1, and the screen survives savevm/loadvm and a stream to another machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisplayBootTest {

  private static final long MIB = 1L << 20;
  private static final Duration BOOT_WATCHDOG = Duration.ofSeconds(600);
  private static final Duration SCREEN_WATCHDOG = Duration.ofSeconds(120);

  private Path dir;
  private MachineConfig config;
  private Machine machine;
  private SerialConsole console;
  private ByteArrayOutputStream monitorOut;
  private MonitorSession monitor;
  private boolean ready;

  @BeforeAll
  void bootWithADisplay(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    GuestImages images = GuestImagesFixture.images();
    config = new MachineConfig(512 * MIB, images.firmware(), images.kernel(), images.initrd(),
        DebianRecipe.defaultKernelCommandLine(), List.of(), false, false)
        .withDisplay(DisplayDevices.DESKTOP);
    machine = Machine.create(config);
    console = new SerialConsole(machine::sendSerialInput);
    machine.setSerialSink(console);
    monitorOut = new ByteArrayOutputStream();
    monitor = new Monitor(new Target(machine,
        new MachineSnapshots(machine, new SnapshotStore(dir.resolve("snapshots")))))
        .newSession(monitorOut);
    machine.start();
  }

  @AfterAll
  void stop() {
    if (machine != null) {
      machine.close();
    }
  }

  /** Types a monitor line and returns what it printed (echo and prompt removed). */
  private String hmp(String line) {
    synchronized (monitorOut) {
      monitorOut.reset();
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      monitor.receive(bytes, 0, bytes.length);
      String printed = monitorOut.toString(StandardCharsets.UTF_8);
      String echo = line + "\r\n";
      int end = printed.lastIndexOf(MonitorSession.PROMPT);
      return printed.substring(printed.startsWith(echo) ? echo.length() : 0,
          end < 0 ? printed.length() : end);
    }
  }

  /** Types {@code text} on the guest keyboard, one sendkey per character. */
  private void typeOnTty1(String text) {
    for (char c : text.toCharArray()) {
      assertEquals("", hmp("sendkey " + QemuKeyNames.comboFor(c) + " 10"));
    }
  }

  private DisplaySurface surface() {
    return machine.display().orElseThrow();
  }

  /** Rows of the screen with at least one pixel that is not black: text lines show up. */
  private static int litRows(DisplaySurface.Snapshot s) {
    int rows = 0;
    for (int y = 0; y < s.height(); y++) {
      for (int x = 0; x < s.width(); x++) {
        if ((s.pixel(x, y) & 0xFFFFFF) != 0) {
          rows++;
          break;
        }
      }
    }
    return rows;
  }

  /** Pixels that are clearly red (fbcon's red is 0xAA0000). */
  private static int redPixels(DisplaySurface.Snapshot s) {
    int n = 0;
    for (int p : s.pixels()) {
      int r = (p >> 16) & 0xFF;
      int g = (p >> 8) & 0xFF;
      int b = p & 0xFF;
      if (r >= 0x80 && g < 0x40 && b < 0x40) {
        n++;
      }
    }
    return n;
  }

  private DisplaySurface.Snapshot awaitScreen(java.util.function.Predicate<DisplaySurface.Snapshot>
      condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + SCREEN_WATCHDOG.toNanos();
    DisplaySurface.Snapshot s = surface().snapshot();
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) {
        fail("the screen never showed " + what + " within " + SCREEN_WATCHDOG.toSeconds() + " s");
      }
      Thread.sleep(200);
      s = surface().snapshot();
    }
    return s;
  }

  private BufferedImage screendump(String name) throws Exception {
    Path file = dir.resolve(name);
    assertEquals("", hmp("screendump " + file));
    return ImageIO.read(file.toFile());
  }

  private static void assertSamePicture(BufferedImage a, BufferedImage b) {
    assertEquals(a.getWidth(), b.getWidth());
    assertEquals(a.getHeight(), b.getHeight());
    int[] pa = a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth());
    int[] pb = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
    int differing = 0;
    for (int i = 0; i < pa.length; i++) {
      if (pa[i] != pb[i]) {
        differing++;
      }
    }
    assertEquals(0, differing, "pixels that differ");
  }

  /**
   * Waits until /init's second shell holds tty1 open: keys typed before that are dropped by the
   * kernel (a virtual terminal nobody has open has no reader), as on a real console.
   */
  private void awaitTty1Shell() throws InterruptedException {
    long deadline = System.nanoTime() + SCREEN_WATCHDOG.toNanos();
    int count;
    while ((count = Integer.parseInt(console.run(
        "ls -l /proc/[0-9]*/fd/0 2>/dev/null | grep -c tty1", SCREEN_WATCHDOG))) == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(1000);
    }
    assertTrue(count > 0, "no process reads tty1");
  }

  private void requireReady() {
    org.junit.jupiter.api.Assumptions.assumeTrue(ready, "the console never came up");
  }

  @Test
  @Order(1)
  void screendumpShowsTheFramebufferConsoleAtTheConfiguredResolution() throws Exception {
    console.awaitOutput(SerialConsole.PROMPT, BOOT_WATCHDOG);
    console.run("dmesg -n 1", SCREEN_WATCHDOG);
    assertEquals("1", console.run("ls /sys/class/graphics | grep -c fb0", SCREEN_WATCHDOG));
    awaitTty1Shell();
    // The tty1 shell's banner ends the console's first screen: many rows carry text.
    DisplaySurface.Snapshot s = awaitScreen(shot -> litRows(shot) > 200, "text rows");
    assertEquals(1024, s.width());
    assertEquals(768, s.height());
    ready = true;
    BufferedImage png = screendump("boot.png");
    assertEquals(1024, png.getWidth());
    assertEquals(768, png.getHeight());
    assertTrue(litRows(s) > 200, "text rows: " + litRows(s));
    assertEquals(0, redPixels(s), "nothing red yet");
  }

  @Test
  @Order(2)
  void sendkeyTypesOnTty1AndTheShellThereWritesToTheSerialLine() throws Exception {
    requireReady();
    console.mark();
    typeOnTty1("echo hi > /dev/ttyS0\n");
    console.awaitOutput("hi", SCREEN_WATCHDOG);
    assertTrue(hmp("sendkey ctrl-alt-nosuchkey").contains("unknown key 'nosuchkey'"));
  }

  @Test
  @Order(3)
  void anAnsiRedBackgroundTypedOnTty1ShowsRedPixels() throws Exception {
    requireReady();
    typeOnTty1("printf '\\033[41m  RED  \\033[0m\\n'\n");
    // "  RED  " on red: the four blank cells (8x16 each) are wholly red, the letters partly.
    DisplaySurface.Snapshot s = awaitScreen(shot -> redPixels(shot) >= 4 * 8 * 16, "red text");
    assertTrue(redPixels(s) < 7 * 8 * 16, "only the 7 cells are red: " + redPixels(s));
  }

  @Test
  @Order(4)
  void theScreenSurvivesSavevmAndLoadvmWithoutTheGuestRedrawing() throws Exception {
    requireReady();
    assertEquals("", hmp("stop"));
    BufferedImage before = screendump("before.png");
    assertEquals("", hmp("savevm display"));
    assertEquals(RunState.PAUSED, machine.runState());
    assertEquals("", hmp("cont"));
    typeOnTty1("clear\n");
    awaitScreen(shot -> redPixels(shot) == 0, "the cleared screen");
    assertEquals("", hmp("stop"));
    assertEquals("", hmp("loadvm display"));
    // Still paused: whatever the screen shows now came from the snapshot, not from the guest.
    assertEquals(RunState.PAUSED, machine.runState());
    assertSamePicture(before, screendump("after.png"));
    assertTrue(redPixels(surface().snapshot()) > 0);
    assertEquals("", hmp("cont"));
  }

  @Test
  @Order(5)
  void theScreenTravelsInTheStreamToAnotherMachine() throws Exception {
    requireReady();
    machine.pause();
    DisplaySurface.Snapshot here = surface().snapshot();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    VmStateStream.save(machine, stream);
    machine.resume();
    try (Machine there = Machine.create(config)) {
      assertEquals(0, there.display().orElseThrow().width(), "blank before the stream");
      VmStateStream.load(there, new ByteArrayInputStream(stream.toByteArray()));
      DisplaySurface.Snapshot arrived = there.display().orElseThrow().snapshot();
      assertEquals(here.width(), arrived.width());
      assertArrayEquals(here.pixels(), arrived.pixels());
    }
  }

  /** The monitor's view of the machine, with snapshots in a temporary store. */
  private record Target(Machine machine, MachineSnapshots store) implements MonitorTarget {

    @Override
    public RunState runState() {
      return machine.runState();
    }

    @Override
    public void stop() {
      machine.pause();
    }

    @Override
    public void cont() {
      machine.resume();
    }

    @Override
    public void reset() {
      machine.reset();
    }

    @Override
    public void powerDown() {
      machine.powerOff();
    }

    @Override
    public void quit() {
      machine.powerOff();
    }

    @Override
    public void savevm(String tag) throws MonitorException {
      store.savevm(tag);
    }

    @Override
    public void loadvm(String tag) throws MonitorException {
      store.loadvm(tag);
    }

    @Override
    public void delvm(String tag) throws MonitorException {
      store.delvm(tag);
    }

    @Override
    public List<SnapshotInfo> snapshots() throws MonitorException {
      return store.snapshots();
    }

    @Override
    public Optional<DisplaySurface> display() {
      return machine.display();
    }

    @Override
    public InputEvents input() {
      return machine.input();
    }
  }
}
