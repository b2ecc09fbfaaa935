package dev.cairn.ui.display;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Display tab. The board has no display device yet (the guest's console is the serial port),
 * so this shows a clear placeholder saying so and where to look instead.
 */
public final class DisplayView {

  private final StackPane root = new StackPane();
  private final Label title = new Label();
  private final Label detail = new Label();

  public DisplayView() {
    root.getStyleClass().add("display-view");
    FontIcon icon = new FontIcon("mdi2m-monitor-off");
    icon.getStyleClass().add("placeholder-icon");
    title.getStyleClass().add("placeholder-title");
    detail.getStyleClass().add("placeholder");
    detail.setWrapText(true);
    VBox box = new VBox(10, icon, title, detail);
    box.setAlignment(Pos.CENTER);
    box.setMaxWidth(520);
    root.getChildren().add(box);
    show(false);
  }

  /** Updates the placeholder for a VM that is {@code running} (or not). */
  public void show(boolean running) {
    if (running) {
      title.setText("No display device");
      detail.setText("This VM has no framebuffer; its console is the serial port. "
          + "Open the Serial tab to use it.");
    } else {
      title.setText("The VM is powered off");
      detail.setText("Start it with the Start button; its screen will appear here.");
    }
  }

  public Parent root() {
    return root;
  }
}
