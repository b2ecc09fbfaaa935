package dev.cairn.ui;

import dev.cairn.ui.library.CairnDirs;
import dev.cairn.ui.library.VmLibrary;
import dev.cairn.ui.main.MainView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The setup of GUI tests on the counter guest: the whole app, headless (Monocle), with one
 * library VM "counter"; second Cairn processes started through {@link #cairnRun} end with the
 * test. TestFX only looks for {@code @Start} on the test class itself, so each subclass has one
 * that calls {@link #showApp}.
 */
@ExtendWith(ApplicationExtension.class)
abstract class CounterVmGuiTest {

  @TempDir static Path home;

  protected final ExecutorService background = Executors.newCachedThreadPool();
  protected MainView main;
  /** The counter guest's ELF, for a second process running the same VM. */
  protected Path kernel;
  private final List<Process> processes = new CopyOnWriteArrayList<>();

  /** Shows the app in {@code stage}; subclasses call it from their own {@code @Start} method. */
  protected void showApp(Stage stage) throws Exception {
    VmLibrary library = new VmLibrary(new CairnDirs(home.resolve("config"), home.resolve("data")));
    kernel = GuiFixture.counterVm(library, home.resolve("guest"));
    main = new MainView(library, Platform::runLater, background);
    main.show(stage);
  }

  @AfterEach
  void close() {
    Platform.runLater(() -> main.model().shutdownAll());
    WaitForAsyncUtils.waitForFxEvents();
    background.shutdownNow();
    processes.forEach(Process::destroyForcibly);
  }

  /** {@link GuiFixture#cairnRun} on the counter guest; the process ends with the test. */
  protected Process cairnRun(Path stderr, String... extra) throws Exception {
    Process process = GuiFixture.cairnRun(kernel, stderr, extra);
    processes.add(process);
    return process;
  }
}
