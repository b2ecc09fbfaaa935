package dev.cairn.ui.migration;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks where to migrate a VM (host:port over TCP) and, optionally, how fast and how long a pause. */
public final class MigrateDialog {

  private final MigrationViewModel model;
  private final Dialog<ButtonType> dialog = new Dialog<>();

  public MigrateDialog(MigrationViewModel model, String vmName, Window owner) {
    this.model = model;
    dialog.initOwner(owner);
    dialog.setTitle("Migrate");
    dialog.setHeaderText("Migrate '" + vmName + "' to another Cairn or QEMU waiting with"
        + " -incoming tcp:…");
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
    dialog.getDialogPane().setContent(form());
    Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
    ok.setId("migrate-ok");
    ok.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.problem().isEmpty(),
        model.destination(), model.maxBandwidth(), model.downtimeLimit()));
  }

  private GridPane form() {
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.setPadding(new Insets(10));
    TextField destination = field("migrate-destination", model.destination(), "host:port");
    TextField bandwidth = field("migrate-bandwidth", model.maxBandwidth(),
        "default 128 (MiB/s); 512K, 1G…");
    TextField downtime = field("migrate-downtime", model.downtimeLimit(), "default 300");
    Label problem = new Label();
    problem.setId("migrate-problem");
    problem.getStyleClass().add("form-problem");
    problem.textProperty().bind(Bindings.createStringBinding(model::problem,
        model.destination(), model.maxBandwidth(), model.downtimeLimit()));
    grid.addRow(0, new Label("Destination"), destination);
    grid.addRow(1, new Label("Max bandwidth per second"), bandwidth);
    grid.addRow(2, new Label("Downtime limit (ms)"), downtime);
    grid.add(problem, 0, 3, 2, 1);
    return grid;
  }

  private static TextField field(String id, javafx.beans.property.StringProperty value,
      String prompt) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    field.setPrefColumnCount(24);
    field.textProperty().bindBidirectional(value);
    return field;
  }

  /** Shows the form; true when the user chose OK with a valid form. */
  public boolean showForm() {
    return dialog.showAndWait().filter(b -> b == ButtonType.OK).isPresent()
        && model.problem().isEmpty();
  }
}
