package dev.cairn.ui.snapshots;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks for a snapshot's name and whether it is live (checked by default). */
final class TakeSnapshotDialog extends Dialog<TakeSnapshotDialog.Request> {

  /** What the user chose. */
  record Request(String tag, boolean live) {}

  TakeSnapshotDialog(Window owner, String suggestedTag) {
    initOwner(owner);
    setTitle("Take snapshot");
    setHeaderText("Take a snapshot of the whole VM");
    TextField name = new TextField(suggestedTag);
    name.setId("snapshot-name");
    CheckBox live = new CheckBox("Live: the guest keeps running until a short final pause");
    live.setId("snapshot-live");
    live.setSelected(true);
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.addRow(0, new Label("Name:"), name);
    grid.add(live, 0, 1, 2, 1);
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
    getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
        Bindings.createBooleanBinding(() -> name.getText().isBlank(), name.textProperty()));
    setOnShown(e -> name.requestFocus());
    setResultConverter(b -> b == ButtonType.OK
        ? new Request(name.getText().strip(), live.isSelected()) : null);
  }
}
