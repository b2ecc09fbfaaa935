package dev.cairn.ui.migration;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A small window with a migration's progress: status, pass, dirty pages and MiB left, speed,
 * expected downtime, a bar of the dirty pages sent, and Cancel; at the end, how it ended.
 */
public final class MigrationProgressView {

  private final Stage stage = new Stage();

  public MigrationProgressView(MigrationViewModel model, String vmName, Window owner,
      Runnable cancel) {
    stage.initOwner(owner);
    stage.setTitle("Migrating '" + vmName + "'");
    Label status = new Label();
    status.setId("migration-status");
    status.textProperty().bind(model.statusText());
    Label detail = new Label();
    detail.setId("migration-detail");
    detail.textProperty().bind(model.detailText());
    detail.setWrapText(true);
    ProgressBar bar = new ProgressBar();
    bar.setId("migration-bar");
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.progressProperty().bind(model.remainingFraction());
    Label result = new Label();
    result.setId("migration-result");
    result.setWrapText(true);
    result.textProperty().bind(model.result());
    Button cancelButton = new Button("Cancel migration");
    cancelButton.setId("migration-cancel");
    cancelButton.disableProperty().bind(model.running().not());
    cancelButton.setOnAction(e -> cancel.run());
    Button close = new Button("Close");
    close.setId("migration-close");
    close.setOnAction(e -> stage.close());
    VBox box = new VBox(10, status, detail, bar, result, new HBox(10, cancelButton, close));
    box.setPadding(new Insets(14));
    box.setPrefWidth(640);
    stage.setScene(new Scene(box));
  }

  public void show() {
    stage.show();
  }

  public Stage stage() {
    return stage;
  }
}
