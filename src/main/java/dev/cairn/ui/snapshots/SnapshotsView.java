package dev.cairn.ui.snapshots;

import dev.cairn.ui.Fxml;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;

/**
 * The Snapshots tab: the list (double-click restores), Take / Restore / Delete, and while a
 * snapshot is taken a bar of remaining dirty pages with Cancel.
 */
public final class SnapshotsView {

  @FXML private VBox root;
  @FXML private Button takeButton;
  @FXML private Button restoreButton;
  @FXML private Button deleteButton;
  @FXML private Label currentLabel;
  @FXML private VBox progressBox;
  @FXML private ProgressBar progressBar;
  @FXML private Button cancelButton;
  @FXML private Label progressText;
  @FXML private TableView<SnapshotRow> table;
  @FXML private TableColumn<SnapshotRow, String> nameColumn;
  @FXML private TableColumn<SnapshotRow, String> dateColumn;
  @FXML private TableColumn<SnapshotRow, String> sizeColumn;
  @FXML private TableColumn<SnapshotRow, String> clockColumn;
  @FXML private TableColumn<SnapshotRow, Integer> idColumn;

  private final Parent view;
  private SnapshotsViewModel model;

  /** {@code vmActive}: whether the selected VM runs or is paused (snapshots need a machine). */
  public SnapshotsView(ObservableBooleanValue vmActive) {
    view = Fxml.load("SnapshotsView", this);
    text(nameColumn, SnapshotRow::tag);
    text(dateColumn, SnapshotRow::date);
    text(sizeColumn, SnapshotRow::size);
    text(clockColumn, SnapshotRow::guestClock);
    idColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().info().id()));
    table.setRowFactory(t -> {
      TableRow<SnapshotRow> row = new TableRow<>();
      row.setOnMouseClicked(e -> {
        if (e.getClickCount() == 2 && !row.isEmpty()) {
          restore(row.getItem());
        }
      });
      return row;
    });
    var noSelection = table.getSelectionModel().selectedItemProperty().isNull();
    var inactive = Bindings.createBooleanBinding(() -> !vmActive.get(), vmActive);
    takeButton.disableProperty().bind(inactive);
    restoreButton.disableProperty().bind(inactive.or(noSelection));
    deleteButton.disableProperty().bind(inactive.or(noSelection));
    takeButton.setOnAction(e -> take());
    restoreButton.setOnAction(e -> restore(table.getSelectionModel().getSelectedItem()));
    deleteButton.setOnAction(e -> delete(table.getSelectionModel().getSelectedItem()));
    cancelButton.setOnAction(e -> model.cancel());
  }

  private static <T> void text(TableColumn<SnapshotRow, String> column,
      Function<SnapshotRow, String> value) {
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
  }

  /** Shows {@code next}'s snapshots and progress. */
  public void bind(SnapshotsViewModel next) {
    if (model != null) {
      progressBox.visibleProperty().unbind();
      progressBox.managedProperty().unbind();
      progressText.textProperty().unbind();
      progressBar.progressProperty().unbind();
      currentLabel.textProperty().unbind();
    }
    model = next;
    table.setItems(next.rows());
    progressBox.visibleProperty().bind(next.busy());
    progressBox.managedProperty().bind(next.busy());
    progressText.textProperty().bind(next.progressText());
    progressBar.progressProperty().bind(next.remainingFraction());
    currentLabel.textProperty().bind(Bindings.createStringBinding(
        () -> next.current().get().isEmpty() ? "" : "Current state from: " + next.current().get(),
        next.current()));
  }

  public Parent root() {
    return view;
  }

  /** Asks for a name, then takes a live snapshot. */
  public void take() {
    if (model == null || model.busy().get()) {
      return;
    }
    TextInputDialog dialog = new TextInputDialog(model.suggestTag());
    dialog.initOwner(view.getScene().getWindow());
    dialog.setTitle("Take snapshot");
    dialog.setHeaderText("Take a live snapshot");
    dialog.setContentText("Name:");
    dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
        dialog.getEditor().textProperty().isEmpty());
    Optional<String> tag = dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    tag.ifPresent(model::take);
  }

  private void restore(SnapshotRow row) {
    if (row == null || model == null) {
      return;
    }
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
        "The VM's current state is replaced by snapshot '" + row.tag() + "' taken "
            + row.date() + ". Unsaved guest state is lost (take a snapshot first to keep it).",
        ButtonType.CANCEL, ButtonType.OK);
    confirm.initOwner(view.getScene().getWindow());
    confirm.setHeaderText("Restore snapshot '" + row.tag() + "'?");
    if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
      model.restore(row);
    }
  }

  private void delete(SnapshotRow row) {
    if (row == null || model == null) {
      return;
    }
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
        "Its file (" + row.size() + ") is deleted. This cannot be undone.",
        ButtonType.CANCEL, ButtonType.OK);
    confirm.initOwner(view.getScene().getWindow());
    confirm.setHeaderText("Delete snapshot '" + row.tag() + "'?");
    if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
      model.delete(row);
    }
  }

  public TableView<SnapshotRow> table() {
    return table;
  }
}
