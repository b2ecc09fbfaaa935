package dev.cairn.ui.main;

import dev.cairn.machine.RunState;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** A library row: a screen thumbnail (a placeholder until the board has a display), name, state. */
final class VmCell extends ListCell<VmEntry> {

  private final Label name = new Label();
  private final Label state = new Label();
  private final FontIcon stateIcon = new FontIcon("mdi2c-circle");
  private final FontIcon noScreen = new FontIcon("mdi2c-console");
  private final ImageView screen = new ImageView();
  private final StackPane thumbnail = new StackPane(noScreen);
  private final HBox box;

  VmCell() {
    name.getStyleClass().add("vm-name");
    state.getStyleClass().add("vm-state");
    stateIcon.getStyleClass().add("vm-state-icon");
    thumbnail.getStyleClass().add("vm-thumbnail");
    HBox stateLine = new HBox(5, stateIcon, state);
    stateLine.setAlignment(Pos.CENTER_LEFT);
    VBox text = new VBox(3, name, stateLine);
    text.setAlignment(Pos.CENTER_LEFT);
    box = new HBox(10, thumbnail, text);
    box.setAlignment(Pos.CENTER_LEFT);
  }

  @Override
  protected void updateItem(VmEntry entry, boolean empty) {
    super.updateItem(entry, empty);
    if (empty || entry == null) {
      setGraphic(null);
      setText(null);
      return;
    }
    RunState s = entry.state().get();
    name.setText(entry.name());
    state.setText(VmEntry.describe(s) + " · " + entry.definition().get().memoryMiB() + " MiB");
    stateIcon.getStyleClass().removeAll("state-running", "state-paused", "state-off",
        "state-error");
    stateIcon.getStyleClass().add(s == RunState.RUNNING ? "state-running"
        : s == RunState.PAUSED || s == RunState.PRELAUNCH ? "state-paused"
        : s == RunState.INTERNAL_ERROR ? "state-error" : "state-off");
    Image picture = entry.thumbnail().get();
    if (picture != null) {
      screen.setImage(picture);
      thumbnail.getChildren().setAll(screen);
    } else {
      thumbnail.getChildren().setAll(noScreen);
    }
    setGraphic(box);
    setText(null);
  }
}
