package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code cairn} run as its own JVM, as {@code ./cairn} runs it: stdin and stdout are pipes, so
 * this is the "stdin piped" setup, and the exit status is the real {@code System.exit} status.
 * A child process (rather than calling {@code Main} in-process) also lets a test give the command
 * its own environment, e.g. an empty {@code XDG_CACHE_HOME}.
 */
final class CairnProcess implements AutoCloseable {

  /** Outcome of a command that ran to its end. */
  record Result(int status, String stdout, String stderr) {}

  private final Process process;
  private final Path stderrFile;
  private final SerialConsole console;

  private CairnProcess(Process process, Path stderrFile) {
    this.process = process;
    this.stderrFile = stderrFile;
    OutputStream stdin = process.getOutputStream();
    this.console =
        new SerialConsole(
            bytes -> {
              try {
                stdin.write(bytes);
                stdin.flush();
              } catch (IOException e) {
                throw new UncheckedIOException("cairn's stdin is closed", e);
              }
            });
    console.setDiagnostics(() -> process.isAlive() ? "cairn still running" : "cairn exited with "
        + process.exitValue() + ", stderr: " + stderr());
    Thread pump = new Thread(() -> pump(process.getInputStream(), console), "cairn-stdout");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code cairn args...} with stdin and stdout piped to the returned object and stderr
   * collected in {@code workDir}.
   *
   * @param env variables to set (a null value removes the variable)
   */
  static CairnProcess start(Path workDir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xss8m"); // as the ./cairn launcher does
    command.add("-cp");
    command.add(classPath());
    command.add("dev.cairn.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getValue() == null) {
        builder.environment().remove(e.getKey());
      } else {
        builder.environment().put(e.getKey(), e.getValue());
      }
    }
    // Never inherit a debugging switch that would add stack traces to stderr.
    builder.environment().remove("CAIRN_DEBUG");
    try {
      Path stderrFile = Files.createTempFile(workDir, "cairn-stderr-", ".txt");
      builder.redirectError(stderrFile.toFile());
      return new CairnProcess(builder.start(), stderrFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs a command that needs no input to its end (closing its stdin first). */
  static Result run(Path workDir, Map<String, String> env, Duration watchdog, String... args)
      throws InterruptedException {
    try (CairnProcess cairn = start(workDir, env, args)) {
      cairn.closeInput();
      int status = cairn.awaitExit(watchdog);
      return new Result(status, cairn.console.output(), cairn.stderr());
    }
  }

  /** The guest console on stdin and stdout. */
  SerialConsole console() {
    return console;
  }

  void closeInput() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed by the child's exit: nothing left to tell it.
    }
  }

  /** Waits for the process to end; kills it and fails the test when the watchdog runs out. */
  int awaitExit(Duration watchdog) throws InterruptedException {
    if (!process.waitFor(watchdog.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      fail("cairn did not exit within " + watchdog.toSeconds() + " s; last output:\n"
          + console.tail(2000) + "\nstderr:\n" + stderr());
    }
    // The exit closes stdout; let the pump pass on its last bytes.
    console.awaitEndOfStream(Duration.ofSeconds(10));
    return process.exitValue();
  }

  String stderr() {
    try {
      return Files.readString(stderrFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read stderr: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static void pump(InputStream from, SerialConsole to) {
    byte[] buffer = new byte[4096];
    try (from) {
      int n;
      while ((n = from.read(buffer)) >= 0) {
        for (int i = 0; i < n; i++) {
          to.write(buffer[i]);
        }
      }
    } catch (IOException e) {
      // The process is gone; what arrived is all there is.
    } finally {
      to.endOfStream();
    }
  }

  /**
   * The classpath this test runs with: target/classes plus the runtime libraries. Surefire
   * starts its JVM through a manifest-only jar and passes the real path in this property.
   */
  private static String classPath() {
    String path = System.getProperty("surefire.test.class.path");
    return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
  }
}
