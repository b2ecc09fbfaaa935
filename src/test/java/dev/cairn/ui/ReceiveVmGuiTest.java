package dev.cairn.ui;

import static dev.cairn.ui.GuiFixture.fx;
import static dev.cairn.ui.GuiFixture.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.RunState;
import dev.cairn.ui.main.VmEntry;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Receive VM, headless (Monocle): the app waits on a free port, a {@code cairn run} process
 * running the counter guest migrates its VM in through {@code migrate} typed at its stdio
 * monitor, and the VM in the library then runs here: its serial output goes on in the Serial tab.
 */
class ReceiveVmGuiTest extends CounterVmGuiTest {

  @Start
  void start(Stage stage) throws Exception {
    showApp(stage);
  }

  @Test
  void aVmMigratedInFromCairnRunAppearsRunningInTheLibraryAndItsSerialOutputGoesOn(
      FxRobot robot) throws Exception {
    VmEntry entry = fx(() -> main.model().selected().get());
    assertEquals("counter", entry.name());

    // Receive VM on any free port.
    robot.clickOn("#receiveButton");
    robot.interact(() -> robot.lookup(".text-input-dialog .text-field").queryAs(TextField.class)
        .setText("0"));
    robot.clickOn("OK");
    waitFor(30, "the app to listen", () -> fx(() -> entry.incomingPort().get() > 0));
    int port = fx(() -> entry.incomingPort().get());
    assertEquals(RunState.INMIGRATE, fx(() -> entry.state().get()));
    assertEquals("Stop receiving", robot.lookup("#receiveButton").queryLabeled().getText());
    robot.interact(() -> main.tabs().getSelectionModel().select(1));
    assertEquals("", fx(() -> main.serial().text()).strip(), "nothing ran here yet");

    // The same VM runs in a cairn run process; its monitor sends it here.
    Path stderr = home.resolve("source-stderr.txt");
    Process source = cairnRun(stderr, "-monitor", "stdio");
    Thread.sleep(1000); // let the guest print a few letters over there first
    OutputStream monitor = source.getOutputStream();
    monitor.write(("migrate tcp:127.0.0.1:" + port + "\n").getBytes(StandardCharsets.US_ASCII));
    monitor.flush();

    waitFor(120, "the received VM to run", () -> fx(() -> entry.state().get())
        == RunState.RUNNING);
    waitFor(10, "the wait to end", () -> fx(() -> entry.incomingPort().get() == 0));
    assertTrue(fx(() -> main.model().runStateText().get()).endsWith("Running"),
        fx(() -> main.model().runStateText().get()));
    assertEquals("Receive VM", robot.lookup("#receiveButton").queryLabeled().getText());

    // The guest's letters go on here, where it now runs.
    waitFor(60, "serial output from the received guest", () -> fx(() -> main.serial().text())
        .strip().length() > 0);
    int seen = fx(() -> main.serial().text().strip().length());
    waitFor(60, "more serial output", () -> fx(() -> main.serial().text().strip().length())
        > seen);
    // One unbroken A..P cycle (the terminal wraps lines): the guest went on where it was. If it
    // got to its end here, its checksum (hex digits) follows the letters.
    String letters = fx(() -> main.serial().text()).replaceAll("\\s", "")
        .replaceFirst("[0-9a-f]+$", "");
    assertTrue(letters.matches("[A-P]+"), letters);
    for (int i = 1; i < letters.length(); i++) {
      assertEquals((letters.charAt(i - 1) - 'A' + 1) % 16, letters.charAt(i) - 'A',
          "letter " + i + " of " + letters);
    }

    monitor.write("quit\n".getBytes(StandardCharsets.US_ASCII));
    monitor.flush();
    assertTrue(source.waitFor(30, java.util.concurrent.TimeUnit.SECONDS),
        "the source quits: " + Files.readString(stderr));
  }
}
