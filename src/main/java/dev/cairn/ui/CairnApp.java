package dev.cairn.ui;

import dev.cairn.ui.library.CairnDirs;
import dev.cairn.ui.library.VmLibrary;
import dev.cairn.ui.main.MainView;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The desktop application: one main window over the user's VM library. */
public final class CairnApp extends Application {

  private ExecutorService background;

  @Override
  public void start(Stage stage) {
    background = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "cairn-background");
      t.setDaemon(true);
      return t;
    });
    MainView main = new MainView(new VmLibrary(CairnDirs.forCurrentUser()), Platform::runLater,
        background);
    stage.setTitle("Cairn");
    for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
      var icon = CairnApp.class.getResourceAsStream("/dev/cairn/icons/cairn-" + size + ".png");
      if (icon != null) {
        stage.getIcons().add(new Image(icon));
      }
    }
    main.show(stage);
  }

  @Override
  public void stop() {
    if (background != null) {
      background.shutdownNow();
    }
  }
}
