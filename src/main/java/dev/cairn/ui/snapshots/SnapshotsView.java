package dev.cairn.ui.snapshots;

import dev.cairn.ui.Fxml;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Snapshots tab: the tree of snapshots with the current state marked and a thumbnail of each
 * one's screen (double-click restores), Take / Restore / Rename / Delete with Undo, and while a
 * snapshot is taken a bar of remaining dirty pages with Cancel.
 */
public final class SnapshotsView {

  /** How long a delete can be undone before its files go. */
  static final Duration UNDO_TIME = Duration.seconds(8);

  static final String CURRENT_STATE = "Current State";

  @FXML private VBox root;
  @FXML private Button takeButton;
  @FXML private Button restoreButton;
  @FXML private Button renameButton;
  @FXML private Button deleteButton;
  @FXML private Label currentLabel;
  @FXML private VBox progressBox;
  @FXML private ProgressBar progressBar;
  @FXML private Button cancelButton;
  @FXML private Label progressText;
  @FXML private HBox undoBox;
  @FXML private Label undoText;
  @FXML private Button undoButton;
  @FXML private TreeTableView<SnapshotTree.Node> table;
  @FXML private TreeTableColumn<SnapshotTree.Node, String> nameColumn;
  @FXML private TreeTableColumn<SnapshotTree.Node, Path> thumbnailColumn;
  @FXML private TreeTableColumn<SnapshotTree.Node, String> dateColumn;
  @FXML private TreeTableColumn<SnapshotTree.Node, String> sizeColumn;
  @FXML private TreeTableColumn<SnapshotTree.Node, String> clockColumn;
  @FXML private TreeTableColumn<SnapshotTree.Node, Integer> idColumn;
  @FXML private TreeTableColumn<SnapshotTree.Node, String> descriptionColumn;

  private final Parent view;
  private final Map<Path, Image> thumbnails = new HashMap<>();
  private final PauseTransition undoTimer = new PauseTransition(UNDO_TIME);
  private final ChangeListener<List<SnapshotTree.Node>> treeListener =
      (o, was, now) -> showTree(now);
  private final ChangeListener<SnapshotRow> undoListener = (o, was, now) -> showUndo(now);
  private SnapshotsViewModel model;

  /** {@code vmActive}: whether the selected VM runs or is paused (snapshots need a machine). */
  public SnapshotsView(ObservableBooleanValue vmActive) {
    view = Fxml.load("SnapshotsView", this);
    table.setRoot(new TreeItem<>());
    nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
        c.getValue().getValue().isCurrentState() ? CURRENT_STATE
            : c.getValue().getValue().row().tag()));
    text(dateColumn, SnapshotRow::date);
    text(sizeColumn, SnapshotRow::size);
    text(clockColumn, SnapshotRow::guestClock);
    text(descriptionColumn, r -> r.info().description() == null ? ""
        : r.info().description().replaceAll("\\s+", " "));
    idColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
        c.getValue().getValue().isCurrentState() ? null : c.getValue().getValue().row().id()));
    thumbnailColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
        c.getValue().getValue().isCurrentState() ? null
            : c.getValue().getValue().row().thumbnail()));
    thumbnailColumn.setCellFactory(c -> new ThumbnailCell());
    table.setRowFactory(t -> new SnapshotTableRow());
    var noSnapshot = Bindings.createBooleanBinding(() -> selected() == null,
        table.getSelectionModel().selectedItemProperty());
    var inactive = Bindings.createBooleanBinding(() -> !vmActive.get(), vmActive);
    takeButton.disableProperty().bind(inactive);
    restoreButton.disableProperty().bind(inactive.or(noSnapshot));
    renameButton.disableProperty().bind(inactive.or(noSnapshot));
    deleteButton.disableProperty().bind(inactive.or(noSnapshot));
    takeButton.setOnAction(e -> take());
    restoreButton.setOnAction(e -> restore(selected()));
    renameButton.setOnAction(e -> rename(selected()));
    deleteButton.setOnAction(e -> delete(selected()));
    cancelButton.setOnAction(e -> model.cancel());
    undoButton.setOnAction(e -> model.undoDelete());
    undoTimer.setOnFinished(e -> model.commitDelete());
  }

  private void text(TreeTableColumn<SnapshotTree.Node, String> column,
      Function<SnapshotRow, String> value) {
    column.setCellValueFactory(c -> {
      SnapshotTree.Node node = c.getValue().getValue();
      return new ReadOnlyStringWrapper(node.isCurrentState() ? "" : value.apply(node.row()));
    });
  }

  /** Shows {@code next}'s snapshots and progress. */
  public void bind(SnapshotsViewModel next) {
    if (model != null) {
      progressBox.visibleProperty().unbind();
      progressBox.managedProperty().unbind();
      progressText.textProperty().unbind();
      progressBar.progressProperty().unbind();
      currentLabel.textProperty().unbind();
      model.tree().removeListener(treeListener);
      model.pendingDelete().removeListener(undoListener);
      model.commitDelete();
    }
    model = next;
    next.tree().addListener(treeListener);
    next.pendingDelete().addListener(undoListener);
    showTree(next.tree().get());
    showUndo(next.pendingDelete().get());
    progressBox.visibleProperty().bind(next.busy());
    progressBox.managedProperty().bind(next.busy());
    progressText.textProperty().bind(next.progressText());
    progressBar.progressProperty().bind(next.remainingFraction());
    currentLabel.textProperty().bind(Bindings.createStringBinding(
        () -> next.current().get().isEmpty() ? "" : "Current state from: " + next.current().get(),
        next.current()));
  }

  /** Rebuilds the tree items, keeping the selected snapshot selected. */
  private void showTree(List<SnapshotTree.Node> roots) {
    SnapshotRow wasSelected = selected();
    TreeItem<SnapshotTree.Node> top = new TreeItem<>();
    for (SnapshotTree.Node node : roots) {
      top.getChildren().add(item(node));
    }
    table.setRoot(top);
    if (wasSelected != null) {
      select(wasSelected.tag());
    }
  }

  private static TreeItem<SnapshotTree.Node> item(SnapshotTree.Node node) {
    TreeItem<SnapshotTree.Node> item = new TreeItem<>(node);
    item.setExpanded(true);
    for (SnapshotTree.Node child : node.children()) {
      item.getChildren().add(item(child));
    }
    return item;
  }

  private void showUndo(SnapshotRow waiting) {
    undoBox.setVisible(waiting != null);
    undoBox.setManaged(waiting != null);
    if (waiting == null) {
      undoTimer.stop();
    } else {
      undoText.setText("Snapshot '" + waiting.tag() + "' deleted.");
      undoTimer.playFromStart();
    }
  }

  /** The selected snapshot; null when nothing or the current state is selected. */
  private SnapshotRow selected() {
    TreeItem<SnapshotTree.Node> item = table.getSelectionModel().getSelectedItem();
    return item == null || item.getValue() == null ? null : item.getValue().row();
  }

  /** Selects the snapshot called {@code tag}, if shown. */
  public void select(String tag) {
    for (int i = 0; i < table.getExpandedItemCount(); i++) {
      SnapshotTree.Node node = table.getTreeItem(i).getValue();
      if (node != null && !node.isCurrentState() && node.row().tag().equals(tag)) {
        table.getSelectionModel().select(i);
        return;
      }
    }
  }

  public Parent root() {
    return view;
  }

  /** Asks for a name and whether the guest keeps running, then takes the snapshot. */
  public void take() {
    if (model == null || model.busy().get()) {
      return;
    }
    TakeSnapshotDialog dialog = new TakeSnapshotDialog(view.getScene().getWindow(),
        model.suggestTag());
    dialog.showAndWait().ifPresent(r -> model.take(r.tag(), r.live(), r.description(), null));
  }

  private void restore(SnapshotRow row) {
    if (row == null || model == null) {
      return;
    }
    ButtonType saveFirst = new ButtonType("Save current state first",
        ButtonBar.ButtonData.OTHER);
    ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
        "The VM's current state is replaced by snapshot '" + row.tag() + "' taken "
            + row.date() + ". Unsaved guest state is lost unless you save it first.",
        ButtonType.CANCEL, saveFirst, restore);
    confirm.initOwner(view.getScene().getWindow());
    confirm.setHeaderText("Restore snapshot '" + row.tag() + "'?");
    Optional<ButtonType> answer = confirm.showAndWait();
    if (answer.filter(b -> b == restore).isPresent()) {
      model.restore(row);
    } else if (answer.filter(b -> b == saveFirst).isPresent()) {
      model.saveThenRestore(model.suggestTag(), row);
    }
  }

  private void rename(SnapshotRow row) {
    if (row == null || model == null) {
      return;
    }
    TextInputDialog dialog = new TextInputDialog(row.tag());
    dialog.initOwner(view.getScene().getWindow());
    dialog.setTitle("Rename snapshot");
    dialog.setHeaderText("Rename snapshot '" + row.tag() + "'");
    dialog.setContentText("New name:");
    dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
        Bindings.createBooleanBinding(() -> dialog.getEditor().getText().isBlank(),
            dialog.getEditor().textProperty()));
    dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty())
        .ifPresent(name -> model.rename(row, name));
  }

  /** Deletes at once from view; the Undo bar brings it back until its time runs out. */
  private void delete(SnapshotRow row) {
    if (row != null && model != null) {
      model.delete(row);
    }
  }

  public TreeTableView<SnapshotTree.Node> table() {
    return table;
  }

  /** The thumbnail of the screen, loaded in the background once per file. */
  private final class ThumbnailCell extends TreeTableCell<SnapshotTree.Node, Path> {
    private final ImageView image = new ImageView();

    ThumbnailCell() {
      image.setPreserveRatio(true);
      image.setFitWidth(96);
      image.setFitHeight(72);
      image.setSmooth(true);
    }

    @Override
    protected void updateItem(Path file, boolean empty) {
      super.updateItem(file, empty);
      if (empty || file == null) {
        setGraphic(null);
        return;
      }
      image.setImage(thumbnails.computeIfAbsent(file,
          f -> new Image(f.toUri().toString(), 96, 72, true, true, true)));
      setGraphic(image);
    }
  }

  /** Marks the current-state row; double-click on a snapshot restores it. */
  private final class SnapshotTableRow extends TreeTableRow<SnapshotTree.Node> {
    SnapshotTableRow() {
      setOnMouseClicked(e -> {
        if (e.getClickCount() == 2 && getItem() != null && !getItem().isCurrentState()) {
          restore(getItem().row());
        }
      });
    }

    @Override
    protected void updateItem(SnapshotTree.Node node, boolean empty) {
      super.updateItem(node, empty);
      getStyleClass().remove("snapshot-current-state");
      if (!empty && node != null && node.isCurrentState()) {
        getStyleClass().add("snapshot-current-state");
      }
    }
  }
}
