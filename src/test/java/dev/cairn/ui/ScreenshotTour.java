package dev.cairn.ui;

import dev.cairn.guest.CancelToken;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.guest.ProgressListener;
import dev.cairn.machine.RunState;
import dev.cairn.ui.library.CairnDirs;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.library.VmLibrary;
import dev.cairn.ui.main.MainView;
import dev.cairn.ui.main.VmEntry;
import dev.cairn.ui.snapshots.SnapshotRow;
import dev.cairn.ui.snapshots.SnapshotsViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Not a test: refreshes the README's screenshots of the Snapshots and Details tabs from the real
 * application with the Debian guest running. Run it on an X server (Xvfb) as
 * {@code java -cp target/test-classes:target/classes:target/lib/* dev.cairn.ui.ScreenshotTour
 * OUT_DIR}; it grabs the screen with ImageMagick's {@code import}.
 */
public final class ScreenshotTour {

  private ScreenshotTour() {}

  /** JavaFX must not see an Application as the main class when it is on the class path. */
  public static void main(String[] args) {
    Application.launch(Tour.class, args);
  }

  /** The tour itself. */
  public static final class Tour extends Application {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private MainView main;

    @Override
    public void start(Stage stage) throws Exception {
      Path out = Path.of(getParameters().getRaw().get(0)).toAbsolutePath();
      Path home = Files.createTempDirectory("cairn-tour");
      GuestImages images = DebianRecipe.create().build(ProgressListener.NONE, CancelToken.none());
      VmLibrary library =
          new VmLibrary(new CairnDirs(home.resolve("config"), home.resolve("data")));
      library.save(new VmDefinition(VmLibrary.newId(), "Debian trixie",
          VmDefinition.TEMPLATE_DEBIAN, 512, images.firmware().toString(),
          images.kernel().toString(), images.initrd().toString(),
          DebianRecipe.defaultKernelCommandLine(), List.of(), System.currentTimeMillis(), true));
      main = new MainView(library, Platform::runLater, background);
      main.show(stage);
      stage.setX(0);
      stage.setY(0);
      stage.setWidth(1400);
      stage.setHeight(900);
      Thread tour = new Thread(() -> {
        try {
          tour(out);
        } catch (Exception e) {
          e.printStackTrace();
        } finally {
          Platform.runLater(() -> {
            main.model().shutdownAll();
            Platform.exit();
          });
          background.shutdownNow();
        }
      }, "tour");
      tour.setDaemon(true);
      tour.start();
    }

    private void tour(Path out) throws Exception {
      VmEntry entry = fx(() -> main.model().vms().get(0));
      fx(() -> {
        main.model().selected().set(entry);
        main.model().start();
        main.tabs().getSelectionModel().select(1);
        return null;
      });
      await(300, () -> entry.state().get() == RunState.RUNNING);
      await(300, () -> call(() -> main.serial().text()).contains("~ # "));
      type(entry, "uname -a; free -m\n");
      Thread.sleep(3000);
      SnapshotsViewModel snapshots = fx(() -> main.snapshotsOf(entry));
      take(snapshots, "fresh-boot");
      type(entry, "echo configured > /etc/motd; cat /etc/motd\n");
      Thread.sleep(2000);
      take(snapshots, "configured");
      fx(() -> {
        snapshots.restore(snapshots.rows().get(0));
        return null;
      });
      await(60, () -> call(() -> snapshots.current().get()).equals("fresh-boot"));
      type(entry, "clear; echo trying something else\n");
      Thread.sleep(2000);
      take(snapshots, "experiment");
      fx(() -> {
        main.tabs().getSelectionModel().select(3);
        main.snapshots().select("configured");
        return null;
      });
      Thread.sleep(3000);
      grab(out.resolve("snapshots.png"));

      // Something that dirties memory for the Details chart: rewriting a 16 MiB file in tmpfs.
      type(entry, "while :; do dd if=/dev/zero of=/tmp/f bs=1M count=16 2>/dev/null; "
          + "sleep 1; done &\n");
      fx(() -> {
        main.tabs().getSelectionModel().select(4);
        return null;
      });
      Thread.sleep(40_000);
      grab(out.resolve("details.png"));

      // A live snapshot while the loop dirties memory: grabbed during its copy passes.
      fx(() -> {
        main.tabs().getSelectionModel().select(3);
        snapshots.take("under-load");
        return null;
      });
      await(60, () -> call(() -> snapshots.progressText().get()).contains("pass 1 ·"));
      grab(out.resolve("snapshot-progress.png"));
      await(120, () -> call(() -> !snapshots.busy().get()));
    }

    private void take(SnapshotsViewModel snapshots, String tag) throws Exception {
      int before = call(() -> snapshots.rows().size());
      fx(() -> {
        snapshots.take(tag);
        return null;
      });
      await(120, () -> call(() -> !snapshots.busy().get() && snapshots.rows().size() > before
          && snapshots.rows().stream().map(SnapshotRow::tag).anyMatch(tag::equals)));
    }

    private void type(VmEntry entry, String line) throws Exception {
      fx(() -> {
        entry.instance().get().sendSerialInput(line.getBytes(StandardCharsets.US_ASCII));
        return null;
      });
    }

    private static void grab(Path file) throws Exception {
      Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO()
          .start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("import failed for " + file);
      }
      System.out.println("tour: wrote " + file);
    }

    private static <T> T fx(Callable<T> task) throws Exception {
      FutureTask<T> future = new FutureTask<>(task);
      Platform.runLater(future);
      return future.get();
    }

    private static <T> T call(Callable<T> task) {
      try {
        return fx(task);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static void await(int seconds, BooleanSupplier condition) throws InterruptedException {
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out");
        }
        Thread.sleep(200);
      }
    }
  }
}
