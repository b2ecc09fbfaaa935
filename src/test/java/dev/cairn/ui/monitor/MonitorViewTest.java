package dev.cairn.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.monitor.CommandTable;
import dev.cairn.monitor.Monitor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Monitor tab on screen (headless): typing a command that suspends the monitor greys out the
 * input and shows the command's progress; the input comes back when the command ends.
 */
@ExtendWith(ApplicationExtension.class)
class MonitorViewTest {

  private final AtomicReference<CompletableFuture<String>> pending = new AtomicReference<>();
  private final CommandTable table = MonitorViewModelTest.tableWithHold(pending);
  private final Monitor monitor = new Monitor(new MonitorViewModelTest.RunningTarget(), table);
  private MonitorViewModel model;
  private MonitorView view;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    model = new MonitorViewModel(Platform::runLater);
    model.attach(monitor, table);
    view = new MonitorView(model);
    stage.setScene(new Scene(view.root(), 700, 400));
    stage.show();
  }

  @AfterEach
  void close() {
    monitor.close();
  }

  private void typeLine(FxRobot robot, String line) {
    robot.interact(() -> {
      stage.requestFocus();
      view.input().requestFocus();
    });
    robot.write(line);
    robot.type(KeyCode.ENTER);
  }

  @Test
  void aSuspendingCommandGreysOutTheInputUntilItEnds(FxRobot robot) throws Exception {
    TextField input = view.input();
    typeLine(robot, "hold");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, input::isDisabled);
    assertTrue(robot.lookup(".monitor-progress").query().isVisible());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".monitor-progress-text")
        .queryAs(Label.class).getText().contains("remaining 4096 pages"));

    pending.get().complete("");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !input.isDisabled());
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(robot.lookup(".monitor-progress").query().isVisible());

    // And it takes commands again.
    typeLine(robot, "info status");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> model.transcript().get().contains("VM status: running"));
  }

  @Test
  void upArrowRecallsTheLastCommand(FxRobot robot) throws Exception {
    typeLine(robot, "info status");
    robot.type(KeyCode.UP);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("info status", view.input().getText());
  }
}
