package dev.cairn.ui.newvm;

import dev.cairn.guest.CancelToken;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.library.VmLibrary;
import java.io.File;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The New VM / Edit VM dialog over a {@link NewVmViewModel}; then, for a new VM, a progress dialog
 * while the Debian images are built (Cancel stops the download at the next chunk).
 */
public final class NewVmDialog {

  private final NewVmViewModel model;
  private final Window owner;

  public NewVmDialog(NewVmViewModel model, Window owner) {
    this.model = model;
    this.owner = owner;
  }

  /** Shows the form; true when the user accepted it (the model then holds valid values). */
  public boolean showForm() {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle(model.isEditing() ? "Edit VM" : "New VM");
    dialog.setHeaderText(model.isEditing() ? "Change the VM's settings (used at the next start)"
        : "Create a virtual machine");
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
    dialog.getDialogPane().setContent(form());
    dialog.getDialogPane().setPrefWidth(640);
    Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
    ok.disableProperty().bind(model.firstProblem().isNotEmpty());
    ((Button) ok).setText(model.isEditing() ? "Save" : "Create");
    return dialog.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
  }

  private VBox form() {
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    int row = 0;
    TextField name = new TextField();
    name.setId("vm-name");
    name.textProperty().bindBidirectional(model.name());
    name.setPromptText("e.g. Debian riscv64");
    grid.addRow(row++, new Label("Name"), name);
    GridPane.setHgrow(name, Priority.ALWAYS);

    ToggleGroup kind = new ToggleGroup();
    RadioButton debian = new RadioButton("Debian riscv64 (trixie) — downloaded and built");
    RadioButton custom = new RadioButton("Custom firmware, kernel, initrd and disk");
    debian.setId("template-debian");
    custom.setId("template-custom");
    debian.setToggleGroup(kind);
    custom.setToggleGroup(kind);
    (model.debianTemplate().get() ? debian : custom).setSelected(true);
    model.debianTemplate().bind(debian.selectedProperty());
    debian.setDisable(model.isEditing());
    custom.setDisable(model.isEditing());
    grid.addRow(row++, new Label("Template"), new VBox(6, debian, custom));

    Spinner<Integer> memory = new Spinner<>(NewVmViewModel.MIN_MEMORY_MIB,
        NewVmViewModel.MAX_MEMORY_MIB, model.memoryMiB().get(), 128);
    memory.setEditable(true);
    memory.valueProperty().addListener((o, was, now) -> model.memoryMiB().set(now));
    grid.addRow(row++, new Label("Memory (MiB)"), memory);

    Spinner<Integer> diskSize = new Spinner<>(0, NewVmViewModel.MAX_DISK_GIB,
        model.diskGiB().get(), 1);
    diskSize.setEditable(true);
    diskSize.valueProperty().addListener((o, was, now) -> model.diskGiB().set(now));
    diskSize.setDisable(model.isEditing());
    Label diskHint = new Label("0 = no disk. A new disk is a qcow2 image that grows as the guest "
        + "writes; VM snapshots include it.");
    diskHint.getStyleClass().add("text-muted");
    diskHint.setWrapText(true);
    grid.addRow(row++, new Label("New disk (GiB)"), new VBox(4, diskSize, diskHint));

    Node[] fileRows = {
      fileField("Firmware", model.firmware(), "fw_dynamic.bin (empty: none)"),
      fileField("Kernel", model.kernel(), "Image or ELF (required)"),
      fileField("Initrd", model.initrd(), "initramfs (optional)"),
      fileField("Disk", model.disk(), "existing raw or qcow2 image (optional)")
    };
    String[] labels = {"Firmware", "Kernel", "Initrd", "Disk"};
    for (int i = 0; i < fileRows.length; i++) {
      Label label = new Label(labels[i]);
      grid.addRow(row++, label, fileRows[i]);
      label.disableProperty().bind(model.debianTemplate().and(
          javafx.beans.binding.Bindings.createBooleanBinding(() -> !model.isEditing())));
      fileRows[i].disableProperty().bind(label.disableProperty());
    }
    javafx.scene.control.CheckBox display =
        new javafx.scene.control.CheckBox("Screen, keyboard and tablet (virtio-gpu, virtio-input)");
    display.setId("vm-display");
    display.selectedProperty().bindBidirectional(model.display());
    grid.addRow(row++, new Label("Display"), display);
    TextField append = new TextField();
    append.setId("vm-append");
    append.textProperty().bindBidirectional(model.append());
    grid.addRow(row++, new Label("Kernel command line"), append);
    append.disableProperty().bind(model.debianTemplate().and(
        javafx.beans.binding.Bindings.createBooleanBinding(() -> !model.isEditing())));

    Label problem = new Label();
    problem.setId("vm-problem");
    problem.getStyleClass().add("form-error");
    problem.setWrapText(true);
    problem.textProperty().bind(model.firstProblem());
    VBox box = new VBox(12, grid, problem);
    box.setPadding(new Insets(6));
    return box;
  }

  private Node fileField(String what, StringProperty value, String prompt) {
    TextField field = new TextField();
    field.setId("file-" + what.toLowerCase());
    field.setPromptText(prompt);
    field.textProperty().bindBidirectional(value);
    Button browse = new Button("", new FontIcon("mdi2f-folder-open"));
    browse.setOnAction(e -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Choose the " + what.toLowerCase() + " file");
      File file = chooser.showOpenDialog(owner);
      if (file != null) {
        value.set(file.getAbsolutePath());
      }
    });
    HBox box = new HBox(6, field, browse);
    HBox.setHgrow(field, Priority.ALWAYS);
    return box;
  }

  /**
   * Creates the VM in the background with a progress dialog; {@code done} receives it on the UI
   * thread, {@code failed} the message (also for a cancel).
   */
  public void create(VmLibrary library, Consumer<VmDefinition> done, Consumer<String> failed) {
    CancelToken cancel = new CancelToken();
    Task<VmDefinition> task = new Task<>() {
      @Override
      protected VmDefinition call() throws Exception {
        updateMessage("Preparing…");
        return model.create(library, (phase, doneBytes, total) -> {
          updateMessage(phase);
          updateProgress(total > 0 ? doneBytes : -1, total > 0 ? total : 1);
        }, cancel);
      }
    };
    Dialog<ButtonType> progress = new Dialog<>();
    progress.initOwner(owner);
    progress.setTitle("Creating VM");
    progress.setHeaderText("Creating '" + model.name().get().strip() + "'");
    ProgressBar bar = new ProgressBar();
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.progressProperty().bind(task.progressProperty());
    Label phase = new Label();
    phase.textProperty().bind(task.messageProperty());
    VBox content = new VBox(8, bar, phase);
    content.setPrefWidth(480);
    progress.getDialogPane().setContent(content);
    progress.getDialogPane().getButtonTypes().add(
        new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE));
    progress.setOnCloseRequest(e -> {
      if (task.isRunning()) {
        cancel.cancel();
        phase.textProperty().unbind();
        phase.setText("Cancelling…");
        e.consume();
      }
    });
    task.setOnSucceeded(e -> {
      closeProgress(progress);
      done.accept(task.getValue());
    });
    task.setOnFailed(e -> {
      closeProgress(progress);
      Throwable error = task.getException();
      failed.accept(cancel.isCancelled() ? "Creating the VM was cancelled; nothing was kept."
          : "Cannot create the VM: " + error.getMessage());
    });
    Thread worker = new Thread(task, "cairn-new-vm");
    worker.setDaemon(true);
    worker.start();
    progress.show();
  }

  private static void closeProgress(Dialog<ButtonType> progress) {
    Platform.runLater(() -> {
      progress.setOnCloseRequest(null);
      progress.setResult(ButtonType.CLOSE);
      progress.close();
    });
  }
}
