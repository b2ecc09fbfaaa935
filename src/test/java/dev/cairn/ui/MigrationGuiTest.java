package dev.cairn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.RunState;
import dev.cairn.migration.CounterGuest;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.ui.library.CairnDirs;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.library.VmLibrary;
import dev.cairn.ui.main.MainView;
import dev.cairn.ui.main.VmEntry;
import dev.cairn.ui.migration.MigrationViewModel;
import dev.cairn.ui.monitor.MonitorViewModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Live migration from the GUI, headless (Monocle), on the counter guest: a migration cancelled on
 * a slow link leaves the VM running; {@code migrate} typed at the monitor greys out its input
 * until it ends; the Migrate button moves the VM over loopback TCP to a second, headless Cairn
 * process started with {@code -incoming tcp:127.0.0.1:0}, and the VM shows postmigrate.
 */
@ExtendWith(ApplicationExtension.class)
class MigrationGuiTest {

  private static final Pattern LISTENING =
      Pattern.compile("waiting for an incoming migration on tcp:(\\S+)");

  @TempDir static Path home;

  private final ExecutorService background = Executors.newCachedThreadPool();
  private MainView main;
  private Path kernel;
  private Process destination;

  @Start
  void start(Stage stage) throws Exception {
    kernel = CounterGuest.build(Files.createDirectories(home.resolve("guest")), 400_000_000);
    VmLibrary library = new VmLibrary(new CairnDirs(home.resolve("config"), home.resolve("data")));
    library.save(new VmDefinition(VmLibrary.newId(), "counter", VmDefinition.TEMPLATE_CUSTOM, 64,
        null, kernel.toString(), null, "", List.of(), 0, false));
    main = new MainView(library, Platform::runLater, background);
    main.show(stage);
  }

  @AfterEach
  void close() {
    Platform.runLater(() -> main.model().shutdownAll());
    WaitForAsyncUtils.waitForFxEvents();
    background.shutdownNow();
    if (destination != null) {
      destination.destroyForcibly();
    }
  }

  private static void waitFor(long seconds, String what, Callable<Boolean> condition)
      throws TimeoutException {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    } catch (TimeoutException e) {
      throw new TimeoutException("timed out waiting for " + what);
    }
  }

  private static <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  private static void fill(FxRobot robot, String id, String text) {
    TextField field = robot.lookup(id).queryAs(TextField.class);
    robot.interact(() -> field.setText(text));
  }

  /** A peer that accepts one connection and reads it slowly: a slow link. */
  private ServerSocket slowPeer() throws IOException {
    ServerSocket server = new ServerSocket(0);
    background.execute(() -> {
      try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
        byte[] buffer = new byte[1024];
        while (in.read(buffer) >= 0) {
          Thread.sleep(50);
        }
      } catch (IOException | InterruptedException e) {
        // the migration was cancelled or the test ended
      }
    });
    return server;
  }

  /** Starts {@code cairn run -incoming tcp:127.0.0.1:0} of the same VM; returns host:port. */
  private String startDestination() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path stderr = home.resolve("destination-stderr.txt");
    destination = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xss8m", "-cp", classPath, "dev.cairn.cli.Main", "run", "-bios", "none",
        "-kernel", kernel.toString(), "-m", "64M", "-device", "virtio-rng-device",
        "-display", "none", "-serial", "null", "-monitor", "none",
        "-incoming", "tcp:127.0.0.1:0")
        .redirectError(stderr.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    waitFor(60, "the destination to listen", () -> LISTENING.matcher(
        Files.readString(stderr)).find() || !destination.isAlive());
    Matcher m = LISTENING.matcher(Files.readString(stderr));
    assertTrue(m.find(), "destination did not listen: " + Files.readString(stderr));
    return m.group(1);
  }

  private void migrateFromTheToolbar(FxRobot robot, String target, String bandwidth) {
    robot.clickOn("#migrateButton");
    fill(robot, "#migrate-destination", target);
    fill(robot, "#migrate-bandwidth", bandwidth);
    robot.clickOn("#migrate-ok");
  }

  @Test
  void cancelOnASlowLinkKeepsTheVmRunningThenAMigrationToAnotherProcessEndsInPostmigrate(
      FxRobot robot) throws Exception {
    VmEntry entry = fx(() -> main.model().selected().get());
    robot.clickOn("#startButton");
    waitFor(30, "RUNNING", () -> entry.state().get() == RunState.RUNNING);
    MigrationViewModel migration = fx(() -> main.migrationOf(entry));

    // A slow link: cancel while copying; the progress shows in the status bar; the VM runs on.
    try (ServerSocket slow = slowPeer()) {
      migrateFromTheToolbar(robot, "127.0.0.1:" + slow.getLocalPort(), "8K");
      waitFor(30, "the first pass", () -> fx(() -> migration.info().get().status()
          == MigrationStatus.ACTIVE));
      waitFor(10, "the progress in the status bar", () -> fx(() -> robot
          .lookup(".status-activity").queryAs(Label.class).getText().startsWith("Migrating:")));
      robot.clickOn("#migration-cancel");
      waitFor(30, "the cancel", () -> fx(() -> !migration.running().get()));
    }
    assertEquals("Migration cancelled; the VM keeps running here",
        robot.lookup("#migration-result").queryLabeled().getText());
    assertEquals(RunState.RUNNING, entry.state().get());
    robot.clickOn("#migration-close");

    // migrate typed at the monitor (no -d) greys out its input until the migration ends.
    robot.interact(() -> main.tabs().getSelectionModel().select(2));
    MonitorViewModel monitor = main.monitorOf(entry);
    List<Boolean> disabled = new CopyOnWriteArrayList<>();
    TextField monitorInput = main.monitorViewOf(entry).input();
    robot.interact(() -> monitorInput.disabledProperty().addListener((o, was, now) ->
        disabled.add(now)));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    robot.interact(() -> {
      monitor.input().set("migrate tcp:127.0.0.1:" + closedPort);
      monitor.submit();
    });
    waitFor(30, "migrate to suspend and resume the monitor", () -> disabled.size() >= 2);
    assertEquals(List.of(true, false), disabled);
    assertEquals(RunState.RUNNING, entry.state().get());

    // The real thing: to a second Cairn process over loopback.
    String target = startDestination();
    migrateFromTheToolbar(robot, target, "");
    waitFor(120, "the migration to complete", () -> fx(() -> !migration.running().get()));
    assertEquals(MigrationStatus.COMPLETED, fx(() -> migration.info().get().status()),
        fx(() -> migration.result().get()));
    waitFor(10, "postmigrate", () -> entry.state().get() == RunState.POSTMIGRATE);
    assertTrue(fx(() -> main.model().runStateText().get()).contains("postmigrate"));
    assertTrue(robot.lookup("#migration-result").queryLabeled().getText()
        .startsWith("Migrated in"));
    Thread.sleep(500);
    assertTrue(destination.isAlive(), "the destination runs the guest on");
  }
}
