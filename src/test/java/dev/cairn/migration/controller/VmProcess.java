package dev.cairn.migration.controller;

import dev.cairn.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cairn run} of the counter guest in its own JVM, with the guest's serial output on stdout
 * (collected here) and a human monitor on a TCP port ({@link #monitor()}): one side of a
 * migration test.
 */
final class VmProcess implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("waiting for an incoming migration on (\\S+)");

  private final Process process;
  private final Path stderr;
  private final int monitorPort;
  private final StringBuffer serial = new StringBuffer();
  private final Thread pump;
  private HmpClient monitor;

  private VmProcess(Process process, Path stderr, int monitorPort) {
    this.process = process;
    this.stderr = stderr;
    this.monitorPort = monitorPort;
    this.pump = new Thread(this::pump, "vm-stdout");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts the guest {@code kernel} with 64 MiB of RAM and {@code extra} flags. */
  static VmProcess start(Path dir, Path kernel, String... extra) throws IOException {
    int monitorPort = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss8m", "-cp",
        classPath(), "dev.cairn.cli.Main", "run", "-bios", "none", "-kernel", kernel.toString(),
        "-m", "64M", "-display", "none", "-serial", "stdio",
        "-monitor", "tcp:127.0.0.1:" + monitorPort + ",server,nowait"));
    command.addAll(List.of(extra));
    Path stderr = Files.createTempFile(dir, "vm-stderr-", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().remove("CAIRN_DEBUG");
    return new VmProcess(builder.start(), stderr, monitorPort);
  }

  /** The monitor, connected on first use. */
  HmpClient monitor() throws IOException {
    if (monitor == null) {
      monitor = HmpClient.connect(monitorPort, () -> process.isAlive());
    }
    return monitor;
  }

  /** What the guest printed so far. */
  String serial() {
    return serial.toString();
  }

  String stderr() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The address of {@code -incoming tcp:HOST:0} once the process listens. */
  String incomingAddress() throws InterruptedException {
    waitFor(Duration.ofSeconds(60), () -> LISTENING.matcher(stderr()).find() || !alive(),
        "the destination to listen");
    Matcher m = LISTENING.matcher(stderr());
    if (!m.find()) {
      throw new AssertionError("destination did not listen: " + stderr());
    }
    return m.group(1);
  }

  /** Waits until the guest has printed {@code characters} characters. */
  void awaitSerial(int characters) throws InterruptedException {
    waitFor(Duration.ofSeconds(120), () -> serial.length() >= characters || !alive(),
        characters + " characters of guest output");
    if (serial.length() < characters) {
      throw new AssertionError("the guest printed only '" + serial + "'; stderr: " + stderr());
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for the process to end and for its last output; returns the exit status. */
  int awaitExit(Duration watchdog) throws InterruptedException {
    if (!process.waitFor(watchdog.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("cairn did not exit within " + watchdog.toSeconds()
          + " s; output '" + serial + "', stderr: " + stderr());
    }
    pump.join(10_000);
    return process.exitValue();
  }

  /** kill -9. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (monitor != null) {
      monitor.close();
    }
    process.destroyForcibly();
  }

  static void waitFor(Duration limit, BooleanSupplier condition, String what)
      throws InterruptedException {
    Await.until(limit, what, condition);
  }

  private void pump() {
    byte[] buffer = new byte[4096];
    try (InputStream in = process.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        serial.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      // The process is gone; what arrived is all there is.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String classPath() {
    String path = System.getProperty("surefire.test.class.path");
    return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
  }
}
