package dev.cairn.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a view's FXML from {@code resources/ui/} with the view object as its controller. */
public final class Fxml {

  private Fxml() {}

  /** Loads {@code /dev/cairn/ui/NAME.fxml}, injecting {@code @FXML} fields of {@code controller}. */
  public static Parent load(String name, Object controller) {
    URL url = Fxml.class.getResource("/dev/cairn/ui/" + name + ".fxml");
    if (url == null) {
      throw new IllegalStateException("missing view " + name + ".fxml on the class path");
    }
    FXMLLoader loader = new FXMLLoader(url);
    loader.setController(controller);
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load view " + name, e);
    }
  }
}
