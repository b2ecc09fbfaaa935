package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.MachineConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class MainTest {

  @TempDir Path dir;
  private Path kernel;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicReference<FakeVm> vm = new AtomicReference<>();

  @BeforeEach
  void makeKernel() throws IOException {
    kernel = Files.write(dir.resolve("Image"), new byte[64]);
  }

  private int run(InputStream in, String... args) {
    out.reset();
    err.reset();
    CliContext context =
        new CliContext(
            in,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            config -> {
              FakeVm fake = new FakeVm(config);
              vm.set(fake);
              return fake;
            },
            new FirmwareLocator(List.of(dir.resolve("no-firmware.bin"))));
    return Main.execute(args, context);
  }

  private int run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void assertCleanFailure(int status, String expected) {
    assertNotEquals(0, status);
    assertTrue(stderr().contains(expected), stderr());
    assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
    assertFalse(stderr().contains("Exception"), "no exception names: " + stderr());
    assertNull(vm.get(), "no VM is built on bad input");
  }

  @Test
  void unknownFlagExitsOneWithTheFlagNamedAndNoStackTrace() {
    assertCleanFailure(run("run", "-foo"), "cairn: -foo: invalid option");
    assertEquals(1, run("run", "-foo"));
  }

  @Test
  void badSizeAndMissingKernelAreClearErrors() {
    assertCleanFailure(run("run", "-m", "lots", "-kernel", kernel.toString()), "-m lots:");
    assertCleanFailure(
        run("run", "-kernel", dir.resolve("nope").toString()),
        "could not load kernel '" + dir.resolve("nope") + "': no such file");
    assertCleanFailure(run("run", "-kernel", dir.toString(), "-bios", "none"), "is a directory");
  }

  @Test
  void defaultFirmwareThatIsMissingSaysHowToGetIt() {
    assertCleanFailure(run("run", "-kernel", kernel.toString()), "-bios none");
  }

  @Test
  void missingDiskImageIsAClearError() {
    assertCleanFailure(
        run("run", "-kernel", kernel.toString(), "-bios", "none", "-drive", "file=/no/disk.img"),
        "could not open disk image '/no/disk.img': no such file");
  }

  @Test
  void machineConfigErrorsArePrintedAsTheyAre() {
    CliContext context =
        new CliContext(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            config -> {
              throw new MachineConfigException("'Image' is not a RISC-V Image");
            },
            new FirmwareLocator(List.of()));
    int status =
        Main.execute(new String[] {"run", "-kernel", kernel.toString(), "-bios", "none"}, context);
    assertEquals(1, status);
    assertEquals("cairn: 'Image' is not a RISC-V Image\n", stderr());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    assertCleanFailure(run("frobnicate"), "frobnicate");
  }

  @Test
  void guiWithoutADisplayExitsTwoAndSaysWhy() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        GuiCommand.hasDisplay(System.getenv()), "a display is set: the GUI would open");
    assertEquals(2, run("gui"));
    assertTrue(stderr().contains("cannot open the GUI: no display"), stderr());
  }

  @Test
  void aDisplayIsNamedByDisplayOrWaylandDisplay() {
    assertTrue(GuiCommand.hasDisplay(java.util.Map.of("DISPLAY", ":99")));
    assertTrue(GuiCommand.hasDisplay(java.util.Map.of("WAYLAND_DISPLAY", "wayland-0")));
    assertFalse(GuiCommand.hasDisplay(java.util.Map.of("DISPLAY", " ")));
  }

  @Test
  void runHelpListsQemuFlagsAndExitsZero() {
    assertEquals(0, run("run", "-help"));
    assertTrue(stdout().contains("-kernel FILE"), stdout());
  }

  @Test
  void nographicMuxesSerialAndMonitorOnStdio() throws IOException {
    byte[] typed = "root\r\u0001cinfo status\rquit\r".getBytes(StandardCharsets.US_ASCII);
    int status =
        run(
            new ByteArrayInputStream(typed),
            "run",
            "-kernel",
            kernel.toString(),
            "-bios",
            "none",
            "-nographic",
            "-m",
            "1G");
    assertEquals(0, status);
    FakeVm fake = vm.get();
    assertEquals("root\r", fake.serialInput());
    assertEquals(1L << 30, fake.config.ramSize());
    assertTrue(fake.closed);
    String text = stdout();
    assertTrue(text.startsWith("OpenSBI v1.5\r\n"), text);
    assertTrue(
        text.contains(
            "Cairn 0.1.0 monitor - type 'help' for more information\r\n(qemu) info status\r\n"
                + "VM status: running\r\n(qemu) quit\r\n"),
        text);
  }

  @Test
  void startPausedWaitsForCont() {
    byte[] typed = "\u0001cinfo status\rcont\rinfo status\rq\r".getBytes(StandardCharsets.US_ASCII);
    run(
        new ByteArrayInputStream(typed),
        "run",
        "-S",
        "-nographic",
        "-kernel",
        kernel.toString(),
        "-bios",
        "none");
    String text = stdout();
    assertTrue(text.contains("VM status: paused (prelaunch)"), text);
    assertTrue(text.contains("VM status: running"), text);
  }

  private Path snapshotDirOfRun(String... extra) {
    List<String> args = new java.util.ArrayList<>(
        List.of("run", "-kernel", kernel.toString(), "-bios", "none"));
    args.addAll(List.of(extra));
    byte[] quit = "\u0001x".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0, run(new ByteArrayInputStream(quit), args.toArray(String[]::new)), stderr());
    return vm.get().snapshotDir;
  }

  @Test
  void snapshotDirFlagTellsTheVmWhereSnapshotsGo() {
    Path chosen = dir.resolve("snaps");
    assertEquals(chosen, snapshotDirOfRun("-snapshot-dir", chosen.toString()));
  }

  @Test
  void theDefaultSnapshotDirIsTheSameForTheSameKernelAndRamOnly() {
    Path first = snapshotDirOfRun("-m", "256");
    assertTrue(first.getParent().endsWith(Path.of("cairn", "snapshots")), first.toString());
    assertEquals(first, snapshotDirOfRun("-m", "256"));
    assertNotEquals(first, snapshotDirOfRun("-m", "512"));
  }

  @Test
  void ctrlAXQuitsAndCtrlATwiceSendsOneCtrlA() {
    byte[] typed = "a\u0001\u0001b\u0001x".getBytes(StandardCharsets.US_ASCII);
    int status =
        run(new ByteArrayInputStream(typed), "run", "-kernel", kernel.toString(), "-bios", "none");
    assertEquals(0, status);
    assertEquals("a\u0001b", vm.get().serialInput());
    assertTrue(stdout().contains("Cairn: Terminated"));
  }

  @Test
  void endOfStdinDoesNotStopTheVm() throws Exception {
    Thread runner =
        new Thread(
            () ->
                run(
                    new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)),
                    "run",
                    "-kernel",
                    kernel.toString(),
                    "-bios",
                    "none"));
    runner.start();
    while (vm.get() == null || !vm.get().serialInput().equals("hello")) {
      Thread.sleep(10);
    }
    Thread.sleep(100);
    assertTrue(runner.isAlive(), "the VM outlives the end of stdin");
    vm.get().quit();
    runner.join();
  }

  @Test
  void aTcpMonitorGivenOnTheCommandLineAnswers() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String monitor = "tcp:127.0.0.1:" + port + ",server,nowait";
    Thread runner =
        new Thread(
            () ->
                run(
                    "run",
                    "-kernel",
                    kernel.toString(),
                    "-bios",
                    "none",
                    "-serial",
                    "none",
                    "-monitor",
                    monitor));
    runner.start();
    Socket socket = connect(port);
    socket.getOutputStream().write("info status\nquit\n".getBytes(StandardCharsets.US_ASCII));
    String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    runner.join();
    assertTrue(text.contains("VM status: running\r\n"), text);
  }

  @Test
  void aTcpSerialPortWaitsForItsClientThenCarriesBothWays() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String serial = "tcp:127.0.0.1:" + port + ",server";
    Thread runner =
        new Thread(
            () -> run("run", "-kernel", kernel.toString(), "-bios", "none", "-serial", serial));
    runner.start();
    try (Socket socket = connect(port)) {
      InputStream in = socket.getInputStream();
      byte[] banner = in.readNBytes("OpenSBI v1.5\r\n".length());
      assertEquals("OpenSBI v1.5\r\n", new String(banner, StandardCharsets.US_ASCII));
      socket.getOutputStream().write("ls\n".getBytes(StandardCharsets.US_ASCII));
      while (!vm.get().serialInput().equals("ls\n")) {
        Thread.sleep(10);
      }
    }
    assertTrue(stderr().contains("waiting for a connection on tcp:127.0.0.1:" + port), stderr());
    vm.get().quit();
    runner.join();
  }

  private static Socket connect(int port) throws InterruptedException {
    while (true) {
      try {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return socket;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
  }
}
