package dev.cairn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.cairn.ui.GuiFixture.fill;
import static dev.cairn.ui.GuiFixture.fx;
import static dev.cairn.ui.GuiFixture.waitFor;

import dev.cairn.machine.RunState;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.ui.main.VmEntry;
import dev.cairn.ui.migration.MigrationViewModel;
import dev.cairn.ui.monitor.MonitorViewModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Live migration from the GUI, headless (Monocle), on the counter guest: a migration cancelled on
 * a slow link leaves the VM running; {@code migrate} typed at the monitor greys out its input
 * until it ends; the Migrate button moves the VM over loopback TCP to a second, headless Cairn
 * process started with {@code -incoming tcp:127.0.0.1:0}, and the VM shows postmigrate.
 */
class MigrationGuiTest extends CounterVmGuiTest {

  @Start
  void start(Stage stage) throws Exception {
    showApp(stage);
  }

  private Process destination;

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
    Path stderr = home.resolve("destination-stderr.txt");
    destination = cairnRun(stderr, "-monitor", "none",
        "-incoming", "tcp:127.0.0.1:0");
    return GuiFixture.listeningAddress(destination, stderr);
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
