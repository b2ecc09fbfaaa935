package dev.cairn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.cairn.ui.GuiFixture.fill;
import static dev.cairn.ui.GuiFixture.fx;
import static dev.cairn.ui.GuiFixture.waitFor;

import dev.cairn.guest.CancelToken;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.guest.ProgressListener;
import dev.cairn.machine.RunState;
import dev.cairn.memory.DirtyClient;
import dev.cairn.memory.DirtyLog;
import dev.cairn.ui.library.CairnDirs;
import dev.cairn.ui.library.VmLibrary;
import dev.cairn.ui.main.MainView;
import dev.cairn.ui.main.VmEntry;
import dev.cairn.ui.monitor.MonitorViewModel;
import dev.cairn.ui.snapshots.SnapshotsViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import dev.cairn.ui.snapshots.SnapshotRow;
import dev.cairn.ui.snapshots.TreeShape;
import java.nio.file.Files;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole application, headless (Monocle), on the real Debian guest: create a VM from its files
 * through the New VM dialog, start it, use the serial terminal and the monitor, take a live
 * snapshot and restore it.
 */
@ExtendWith(ApplicationExtension.class)
class CairnGuiTest {

  private static final long BOOT_SECONDS = 240;

  @TempDir static Path home;

  private static GuestImages images;
  private final ExecutorService background = Executors.newCachedThreadPool();
  private MainView main;
  private Stage stage;

  @BeforeAll
  static void guestImages() throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("cairn.skipGuestTests"),
        "real-guest tests skipped by -Dcairn.skipGuestTests=true");
    images = DebianRecipe.create().build(ProgressListener.NONE, CancelToken.none());
  }

  @Start
  void start(Stage stage) {
    VmLibrary library = new VmLibrary(new CairnDirs(home.resolve("config"), home.resolve("data")));
    main = new MainView(library, Platform::runLater, background);
    main.show(stage);
    this.stage = stage;
  }

  @AfterEach
  void close() throws Exception {
    Platform.runLater(() -> main.model().shutdownAll());
    WaitForAsyncUtils.waitForFxEvents();
    background.shutdownNow();
  }

  /** Whether any pixel of {@code image} is not black (the guest drew something). */
  private static boolean hasLitPixel(javafx.scene.image.Image image) {
    if (image == null) {
      return false;
    }
    var reader = image.getPixelReader();
    for (int y = 0; y < (int) image.getHeight(); y += 2) {
      for (int x = 0; x < (int) image.getWidth(); x += 2) {
        if ((reader.getArgb(x, y) & 0xffffff) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Headless stages get no focus of their own since JavaFX 20: ask, then focus the terminal. */
  private void focusTerminal(FxRobot robot) {
    robot.interact(() -> {
      stage.requestFocus();
      main.serial().focus();
    });
  }

  /** How many thumbnails the snapshot tree shows, loaded and not blank. */
  private int shownThumbnails(FxRobot robot) {
    return (int) robot.from(main.snapshots().table()).lookup(".image-view").queryAllAs(
        ImageView.class).stream().filter(v -> v.getImage() != null && !v.getImage().isError()
            && v.getImage().getProgress() == 1.0 && hasLitPixel(v.getImage())).count();
  }

  /** The button called {@code text} in the open dialog (the toolbar may have one too). */
  private static Button dialogButton(FxRobot robot, String text) {
    return robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
        .filter(b -> text.equals(b.getText())).findFirst().orElseThrow();
  }

  @Test
  void createStartTypeSnapshotAndRestoreTheRealGuest(FxRobot robot) throws Exception {
    // New VM from files.
    robot.clickOn("#newVmButton");
    robot.clickOn("#template-custom");
    fill(robot, "#vm-name", "Test guest");
    fill(robot, "#file-firmware", images.firmware().toString());
    fill(robot, "#file-kernel", images.kernel().toString());
    fill(robot, "#file-initrd", images.initrd().toString());
    fill(robot, "#vm-append", DebianRecipe.defaultKernelCommandLine());
    assertEquals("", robot.lookup("#vm-problem").queryLabeled().getText());
    robot.clickOn("Create");
    waitFor(30, "the new VM in the library", () -> main.model().vms().size() == 1);
    VmEntry entry = fx(() -> main.model().selected().get());
    assertEquals("Test guest", entry.name());
    assertTrue(fx(() -> main.model().canStart().get()));

    // Start and reach the shell in the serial terminal.
    robot.clickOn("#startButton");
    waitFor(30, "RUNNING", () -> entry.state().get() == RunState.RUNNING);
    // The display: its first frame changes from nothing to the guest's console.
    robot.interact(() -> main.tabs().getSelectionModel().select(0));
    waitFor(BOOT_SECONDS, "the first frame of the display", () -> fx(() ->
        main.display().framesDrawn() > 0 && hasLitPixel(main.display().image())));
    robot.interact(() -> main.tabs().getSelectionModel().select(1));
    waitFor(BOOT_SECONDS, "the shell prompt", () -> fx(() -> main.serial().text())
        .contains("~ # "));

    // Type into the terminal and see the shell's answer (it computes, so it is no mere echo).
    focusTerminal(robot);
    robot.write("echo gui-$((6*7))");
    robot.type(KeyCode.ENTER);
    try {
      waitFor(30, "the echo", () -> fx(() -> main.serial().text()).contains("gui-42"));
    } catch (TimeoutException e) {
      System.err.println("TERMINAL:\n" + fx(() -> main.serial().text()));
      throw e;
    }

    // The monitor answers on the running VM.
    robot.interact(() -> main.tabs().getSelectionModel().select(2));
    MonitorViewModel monitor = main.monitorOf(entry);
    robot.interact(() -> {
      monitor.input().set("info status");
      monitor.submit();
    });
    waitFor(30, "info status", () -> fx(() -> monitor.transcript().get())
        .contains("VM status: running"));

    // savevm typed at the monitor suspends it: the input is greyed out until the save ends.
    List<Boolean> disabled = new CopyOnWriteArrayList<>();
    TextField monitorInput = main.monitorViewOf(entry).input();
    robot.interact(() -> monitorInput.disabledProperty().addListener((o, was, now) ->
        disabled.add(now)));
    robot.interact(() -> {
      monitor.input().set("savevm from-monitor");
      monitor.submit();
    });
    waitFor(120, "savevm to suspend and resume the monitor", () -> disabled.size() >= 2);
    assertEquals(List.of(true, false), disabled);
    assertFalse(fx(() -> monitor.transcript().get()).contains("Error"),
        fx(() -> monitor.transcript().get()));

    // A live snapshot from the toolbar appears in the Snapshots tab.
    robot.clickOn("#snapshotButton");
    fill(robot, "#snapshot-name", "before-file");
    robot.clickOn("#snapshot-description").write("no mark yet");
    assertTrue(robot.lookup("#snapshot-live").queryAs(CheckBox.class).isSelected(),
        "live is the default");
    robot.clickOn("OK");
    SnapshotsViewModel snapshots = main.snapshotsOf(entry);
    waitFor(120, "the snapshot in the list", () -> fx(() -> snapshots.rows().size() == 2
        && !snapshots.busy().get()));
    assertEquals(List.of("from-monitor", "before-file"), fx(() -> snapshots.rows().stream()
        .map(r -> r.tag()).toList()));
    assertEquals(RunState.RUNNING, entry.state().get());
    // The tree: the live snapshot descends from the monitor's savevm, the current state from it.
    assertEquals("from-monitor[before-file[*]]",
        fx(() -> TreeShape.of(snapshots.tree().get())));
    // Its thumbnail is the guest's screen at the pause, shown in the tree.
    SnapshotRow taken = fx(() -> snapshots.rows().get(1));
    assertTrue(taken.thumbnail() != null && Files.size(taken.thumbnail()) > 0, taken.toString());
    assertEquals("no mark yet", taken.info().description(), "the description typed in the dialog");
    robot.interact(() -> main.tabs().getSelectionModel().select(3));
    waitFor(30, "the thumbnail in the tree", () -> fx(() -> shownThumbnails(robot) >= 2));

    // Change the guest, restore, and the change is gone.
    robot.interact(() -> main.tabs().getSelectionModel().select(1));
    focusTerminal(robot);
    robot.write("echo changed > /tmp/mark; cat /tmp/mark");
    robot.type(KeyCode.ENTER);
    waitFor(30, "the mark", () -> fx(() -> main.serial().text()).contains("\nchanged"));
    robot.interact(() -> main.tabs().getSelectionModel().select(3));
    robot.interact(() -> main.snapshots().select("before-file"));
    robot.clickOn("#restoreButton");
    robot.clickOn(dialogButton(robot, "Restore"));
    waitFor(60, "the restore", () -> fx(() -> robot.lookup(".status-activity").queryLabeled()
        .getText()).contains("'before-file' restored"));
    assertEquals("before-file", fx(() -> snapshots.current().get()));
    robot.interact(() -> main.tabs().getSelectionModel().select(1));
    focusTerminal(robot);
    robot.write("cat /tmp/mark || echo no-$((1+1))-mark");
    robot.type(KeyCode.ENTER);
    waitFor(30, "the mark to be gone", () -> fx(() -> main.serial().text()).contains("no-2-mark"));
    assertFalse(fx(() -> main.model().canStart().get()));

    // The dirty-page rate is measured while the Details tab shows, and only then.
    DirtyLog log = entry.instance().get().machine().ram().dirtyLog();
    assertFalse(log.isLogging(DirtyClient.STATISTICS), "not measured while Details is hidden");
    robot.interact(() -> main.tabs().getSelectionModel().select(4));
    waitFor(10, "the dirty-rate meter", () -> log.isLogging(DirtyClient.STATISTICS));
    robot.interact(() -> main.tabs().getSelectionModel().select(1));
    waitFor(10, "the meter to stop", () -> !log.isLogging(DirtyClient.STATISTICS));
  }
}
