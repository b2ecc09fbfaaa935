package dev.cairn.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.migration.CounterGuest;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.library.VmLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the GUI tests share: waiting, reading on the FX thread, and second Cairn processes. */
final class GuiFixture {

  private static final Pattern LISTENING =
      Pattern.compile("waiting for an incoming migration on tcp:(\\S+)");

  private GuiFixture() {}

  static void waitFor(long seconds, String what, Callable<Boolean> condition)
      throws TimeoutException {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    } catch (TimeoutException e) {
      throw new TimeoutException("timed out waiting for " + what);
    }
  }

  /** Reads {@code read} on the FX thread. */
  static <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  static void fill(FxRobot robot, String id, String text) {
    TextField field = robot.lookup(id).queryAs(TextField.class);
    robot.interact(() -> field.setText(text));
  }

  /**
   * Puts a 64 MiB VM "counter" running the counter guest (printing a letter about every million
   * instructions for a minute or more) into {@code library}; returns the guest's ELF.
   */
  static Path counterVm(VmLibrary library, Path guestDir) throws Exception {
    Path kernel = CounterGuest.build(Files.createDirectories(guestDir), 400_000_000);
    library.save(new VmDefinition(VmLibrary.newId(), "counter", VmDefinition.TEMPLATE_CUSTOM, 64,
        null, kernel.toString(), null, "", List.of(), 0, false));
    return kernel;
  }

  /**
   * Starts {@code cairn run} on the counter guest's {@code kernel} in a second JVM, with the same
   * devices as the library's counter VM plus {@code extra} options; its stderr goes to
   * {@code stderr}, its stdin is open for a {@code -monitor stdio}.
   */
  static Process cairnRun(Path kernel, Path stderr, String... extra) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss8m", "-cp",
        classPath, "dev.cairn.cli.Main", "run", "-bios", "none", "-kernel", kernel.toString(),
        "-m", "64M", "-device", "virtio-rng-device", "-display", "none", "-serial", "null"));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command)
        .redirectError(stderr.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Waits until {@code process} (started with {@code -incoming tcp:...:0}) listens; host:port. */
  static String listeningAddress(Process process, Path stderr) throws Exception {
    waitFor(60, "the destination to listen", () -> LISTENING.matcher(
        Files.readString(stderr)).find() || !process.isAlive());
    Matcher m = LISTENING.matcher(Files.readString(stderr));
    assertTrue(m.find(), "destination did not listen: " + Files.readString(stderr));
    return m.group(1);
  }
}
