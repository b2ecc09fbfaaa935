package dev.cairn.ui.snapshots;

import dev.cairn.migration.snapshot.SnapshotStore;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks for a snapshot's name, an optional description, and whether it is live (by default). */
final class TakeSnapshotDialog extends Dialog<TakeSnapshotDialog.Request> {

  /** What the user chose. */
  record Request(String tag, boolean live, String description) {}

  TakeSnapshotDialog(Window owner, String suggestedTag) {
    initOwner(owner);
    setTitle("Take snapshot");
    setHeaderText("Take a snapshot of the whole VM");
    TextField name = new TextField(suggestedTag);
    name.setId("snapshot-name");
    TextArea description = new TextArea();
    description.setId("snapshot-description");
    description.setPromptText("What this state is, for later (optional)");
    description.setPrefRowCount(3);
    description.setWrapText(true);
    description.setTextFormatter(new TextFormatter<String>(change ->
        change.getControlNewText().length() <= SnapshotStore.MAX_DESCRIPTION ? change : null));
    CheckBox live = new CheckBox("Live: the guest keeps running until a short final pause");
    live.setId("snapshot-live");
    live.setSelected(true);
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.addRow(0, new Label("Name:"), name);
    grid.addRow(1, new Label("Description:"), description);
    grid.add(live, 0, 2, 2, 1);
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
    getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
        Bindings.createBooleanBinding(() -> name.getText().isBlank(), name.textProperty()));
    setOnShown(e -> name.requestFocus());
    setResultConverter(b -> b == ButtonType.OK
        ? new Request(name.getText().strip(), live.isSelected(), description.getText()) : null);
  }
}
