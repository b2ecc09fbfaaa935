package dev.cairn.ui.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.cairn.machine.RunState;
import dev.cairn.ui.Fxml;
import dev.cairn.ui.UiThread;
import dev.cairn.ui.details.DetailsView;
import dev.cairn.ui.details.DetailsViewModel;
import dev.cairn.ui.display.DisplayView;
import dev.cairn.ui.library.VmLibrary;
import dev.cairn.ui.migration.MigrateDialog;
import dev.cairn.ui.migration.MigrationProgressView;
import dev.cairn.ui.migration.MigrationViewModel;
import dev.cairn.ui.monitor.MonitorView;
import dev.cairn.ui.monitor.MonitorViewModel;
import dev.cairn.ui.newvm.NewVmDialog;
import dev.cairn.ui.newvm.NewVmViewModel;
import dev.cairn.ui.runtime.VmInstance;
import dev.cairn.ui.serial.SerialView;
import dev.cairn.ui.snapshots.SnapshotsView;
import dev.cairn.ui.snapshots.SnapshotsViewModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window: wires the toolbar, library list, tabs and status bar to a {@link
 * MainViewModel}, and keeps one Monitor and one Snapshots view model per VM so their transcript
 * and progress survive switching between VMs.
 */
public final class MainView {

  @FXML private BorderPane root;
  @FXML private MenuItem newVmItem;
  @FXML private MenuItem receiveItem;
  @FXML private MenuItem quitItem;
  @FXML private MenuItem editItem;
  @FXML private MenuItem cloneItem;
  @FXML private MenuItem deleteItem;
  @FXML private CheckMenuItem darkThemeItem;
  @FXML private Button newVmButton;
  @FXML private Button startButton;
  @FXML private Button pauseButton;
  @FXML private FontIcon pauseIcon;
  @FXML private Button resetButton;
  @FXML private Button powerOffButton;
  @FXML private Button snapshotButton;
  @FXML private Button migrateButton;
  @FXML private Button receiveButton;
  @FXML private SplitPane split;
  @FXML private ListView<VmEntry> vmList;
  @FXML private TabPane tabs;
  @FXML private Tab displayTab;
  @FXML private Tab serialTab;
  @FXML private Tab monitorTab;
  @FXML private Tab snapshotsTab;
  @FXML private Tab detailsTab;
  @FXML private StatusBar statusBar;

  private final Parent view;
  private final MainViewModel model;
  private final UiThread ui;
  private final Path settingsFile;
  private final DisplayView display = new DisplayView();
  private final SerialView serial = new SerialView();
  private final SnapshotsView snapshots;
  private final DetailsViewModel details = new DetailsViewModel();
  private final Map<VmEntry, MonitorViewModel> monitors = new HashMap<>();
  private final Map<VmEntry, MonitorView> monitorViews = new HashMap<>();
  private final Map<VmEntry, SnapshotsViewModel> snapshotModels = new HashMap<>();
  private final Map<VmEntry, MigrationViewModel> migrations = new HashMap<>();
  private final Map<VmEntry, MigrationProgressView> migrationViews = new HashMap<>();
  private final Label speedLabel = new Label();
  private final Label clockLabel = new Label();
  private final Label activityLabel = new Label();
  private final ProgressBar activityBar = new ProgressBar();
  private final Label emptyMonitor = new Label("Start the VM to use its monitor.");
  private final javafx.beans.property.StringProperty noticeText =
      new javafx.beans.property.SimpleStringProperty("");
  private final PauseTransition noticeTimeout = new PauseTransition(Duration.seconds(6));
  private Timeline sampler;
  private Stage stage;

  public MainView(VmLibrary library, UiThread ui, Executor background) {
    this.ui = ui;
    this.model = new MainViewModel(library, ui, background);
    this.settingsFile = library.dirs().uiSettings();
    view = Fxml.load("MainView", this);
    snapshots = new SnapshotsView(model.isActive());
    model.setErrorHandler(this::showError);
    wireToolbar();
    wireMenus();
    wireLibrary();
    wireTabs();
    wireStatusBar();
  }

  public Parent root() {
    return view;
  }

  public MainViewModel model() {
    return model;
  }

  // ---- wiring ----

  private void wireToolbar() {
    startButton.disableProperty().bind(model.canStart().not());
    pauseButton.disableProperty().bind(model.isActive().not());
    pauseButton.textProperty().bind(Bindings.when(model.isPaused()).then("Resume")
        .otherwise("Pause"));
    model.isPaused().addListener((o, was, now) ->
        pauseIcon.setIconLiteral(now ? "mdi2p-play" : "mdi2p-pause"));
    resetButton.disableProperty().bind(model.isActive().not());
    powerOffButton.disableProperty().bind(model.isActive().not());
    snapshotButton.disableProperty().bind(model.isActive().not());
    startButton.setOnAction(e -> model.start());
    pauseButton.setOnAction(e -> model.togglePause());
    resetButton.setOnAction(e -> model.reset());
    powerOffButton.setOnAction(e -> confirmPowerOff());
    snapshotButton.setOnAction(e -> {
      tabs.getSelectionModel().select(snapshotsTab);
      snapshots.take();
    });
    newVmButton.setOnAction(e -> newVm());
    migrateButton.disableProperty().bind(model.isActive().not());
    migrateButton.setTooltip(new Tooltip("Live-migrate the running VM to another host"));
    migrateButton.setOnAction(e -> migrate());
    var canReceive = model.canStart().or(model.isReceiving());
    receiveButton.disableProperty().bind(canReceive.not());
    receiveButton.textProperty().bind(Bindings.when(model.isReceiving()).then("Stop receiving")
        .otherwise("Receive VM"));
    receiveButton.setTooltip(new Tooltip(
        "Start the stopped VM waiting for an incoming migration on a TCP port"));
    receiveButton.setOnAction(e -> receive());
    receiveItem.disableProperty().bind(canReceive.not());
    receiveItem.setOnAction(e -> receive());
  }

  private void wireMenus() {
    newVmItem.setOnAction(e -> newVm());
    quitItem.setOnAction(e -> stage.close());
    var none = model.selected().isNull();
    editItem.disableProperty().bind(none);
    cloneItem.disableProperty().bind(none);
    deleteItem.disableProperty().bind(none);
    editItem.setOnAction(e -> editVm());
    cloneItem.setOnAction(e -> {
      VmEntry entry = model.selected().get();
      model.cloneAs(entry, model.freeName(entry.name() + " copy"));
    });
    deleteItem.setOnAction(e -> deleteVm());
    darkThemeItem.selectedProperty().addListener((o, was, dark) -> applyTheme(dark));
  }

  private void wireLibrary() {
    vmList.setItems(model.vms());
    vmList.setCellFactory(l -> new VmCell());
    vmList.getSelectionModel().selectedItemProperty().addListener(
        (o, was, now) -> model.selected().set(now));
    model.selected().addListener((o, was, now) -> {
      if (now != null && vmList.getSelectionModel().getSelectedItem() != now) {
        vmList.getSelectionModel().select(now);
      }
      showSelected();
    });
    vmList.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && model.selected().get() != null) {
        model.start();
      }
    });
    Label empty = new Label("No VMs yet.\nClick New to create one.");
    empty.getStyleClass().add("placeholder");
    vmList.setPlaceholder(empty);
  }

  private void wireTabs() {
    displayTab.setContent(display.root());
    serialTab.setContent(serial.root());
    emptyMonitor.getStyleClass().add("placeholder");
    monitorTab.setContent(emptyMonitor);
    snapshotsTab.setContent(snapshots.root());
    detailsTab.setContent(new DetailsView(details).root());
    snapshotsTab.setOnSelectionChanged(e -> {
      VmEntry entry = model.selected().get();
      if (snapshotsTab.isSelected() && entry != null) {
        snapshotModels.get(entry).refresh();
      }
    });
    serialTab.setOnSelectionChanged(e -> {
      if (serialTab.isSelected()) {
        Platform.runLater(serial::focus);
      }
    });
  }

  private void wireStatusBar() {
    statusBar.textProperty().bind(model.runStateText());
    activityBar.setPrefWidth(140);
    activityBar.setVisible(false);
    activityLabel.getStyleClass().add("status-activity");
    activityLabel.setMaxWidth(560);
    speedLabel.textProperty().bind(model.speedText());
    clockLabel.textProperty().bind(model.clockText());
    speedLabel.setMinWidth(90);
    clockLabel.setMinWidth(170);
    statusBar.getRightItems().addAll(activityLabel, activityBar, new Separator(),
        speedLabel, new Separator(), clockLabel);
    activityLabel.textProperty().bind(noticeText);
    noticeTimeout.setOnFinished(e -> noticeText.set(""));
    sampler = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
      model.sample(System.nanoTime());
      VmEntry entry = model.selected().get();
      if (entry != null && !entry.isOff()) {
        details.addSample(model.lastIps());
        if (detailsTab.isSelected()) {
          // Measuring costs the guest a slow store per page per second: only while it shows.
          model.sampleDirtyRate(details::addDirtySample);
        }
      }
      model.vms().forEach(Thumbnails::refresh);
    }));
    detailsTab.selectedProperty().addListener((o, was, now) -> {
      if (!now) {
        model.stopDirtyRate();
      }
    });
    sampler.setCycleCount(Timeline.INDEFINITE);
    sampler.play();
  }

  // ---- per-VM views ----

  /** Per-VM view models, created at first use and re-attached when the VM (re)starts. */
  private void track(VmEntry entry) {
    if (monitors.containsKey(entry)) {
      return;
    }
    MonitorViewModel monitor = new MonitorViewModel(ui);
    SnapshotsViewModel snaps = new SnapshotsViewModel(ui);
    snaps.setErrorHandler(this::showError);
    snaps.setNotifier(this::notice);
    // savevm/loadvm/delvm typed at the monitor change the list the Snapshots tab shows.
    monitor.suspended().addListener((o, was, now) -> {
      if (!now) {
        snaps.refresh();
      }
    });
    migrations.put(entry, new MigrationViewModel(ui));
    monitors.put(entry, monitor);
    monitorViews.put(entry, new MonitorView(monitor));
    snapshotModels.put(entry, snaps);
    entry.instance().addListener((o, was, vm) -> {
      if (vm != null) {
        monitor.attach(vm.monitor(), vm.monitorCommands());
      } else {
        monitor.detach();
      }
      snaps.attach(vm);
      if (model.selected().get() == entry) {
        showSelected();
      }
    });
    VmInstance running = entry.instance().get();
    if (running != null) {
      monitor.attach(running.monitor(), running.monitorCommands());
      snaps.attach(running);
    }
    entry.state().addListener((o, was, now) -> {
      if (model.selected().get() == entry) {
        display.showState(entry.instance().get(), now == RunState.RUNNING
            || now == RunState.PAUSED);
      }
      if (now == RunState.SHUTDOWN || now == RunState.INTERNAL_ERROR) {
        monitor.detach();
      }
    });
  }

  private void showSelected() {
    VmEntry entry = model.selected().get();
    if (entry == null) {
      display.show(null, false);
      serial.show(null);
      monitorTab.setContent(emptyMonitor);
      details.show(null, -1);
      return;
    }
    track(entry);
    VmInstance vm = entry.instance().get();
    serial.show(vm);
    display.show(vm, !entry.isOff());
    monitorTab.setContent(vm == null ? emptyMonitor : monitorViews.get(entry).root());
    SnapshotsViewModel snaps = snapshotModels.get(entry);
    snapshots.bind(snaps);
    // The status bar's activity: a migration, else a snapshot in progress, else what the VM
    // waits for (an incoming migration), else the latest notice.
    MigrationViewModel migration = migrations.get(entry);
    activityLabel.textProperty().bind(Bindings.when(migration.running())
        .then(Bindings.concat("Migrating: ", migration.statusText(), " ",
            migration.detailText()))
        .otherwise(Bindings.when(snaps.busy()).then(snaps.progressText())
            .otherwise(Bindings.when(entry.activity().isEmpty()).then(noticeText)
                .otherwise(entry.activity()))));
    activityBar.visibleProperty().bind(migration.running().or(snaps.busy()));
    activityBar.progressProperty().bind(Bindings.when(migration.running())
        .then(migration.remainingFraction()).otherwise(snaps.remainingFraction()));
    details.show(entry.definition().get(), snaps.rows().size());
  }

  // ---- dialogs ----

  private void newVm() {
    List<String> names = model.vms().stream().map(VmEntry::name).collect(Collectors.toList());
    NewVmViewModel form = new NewVmViewModel(names);
    form.name().set(model.freeName("Debian riscv64"));
    NewVmDialog dialog = new NewVmDialog(form, stage);
    if (dialog.showForm()) {
      dialog.create(model.library(), vm -> {
        model.added(vm);
        notice("Created '" + vm.name() + "'");
      }, this::showError);
    }
  }

  private void migrate() {
    VmEntry entry = model.selected().get();
    VmInstance vm = entry == null ? null : entry.instance().get();
    if (vm == null) {
      return;
    }
    track(entry);
    MigrationViewModel migration = migrations.get(entry);
    if (!migration.running().get()) {
      if (!new MigrateDialog(migration, entry.name(), stage).showForm()) {
        return;
      }
      migration.start(vm);
    }
    migrationViews.computeIfAbsent(entry, e -> new MigrationProgressView(migration, e.name(),
        stage, () -> migration.cancel(vm))).show();
  }

  private void receive() {
    VmEntry entry = model.selected().get();
    if (entry == null) {
      return;
    }
    if (entry.state().get() == RunState.INMIGRATE) {
      model.cancelReceive();
      return;
    }
    TextInputDialog ask = new TextInputDialog("0");
    ask.initOwner(stage);
    ask.setTitle("Receive VM");
    ask.setHeaderText("Wait for '" + entry.name() + "' to arrive by live migration");
    ask.setContentText("TCP port (0: any free port)");
    ask.showAndWait().ifPresent(text -> {
      try {
        model.receive(Integer.parseInt(text.trim()));
      } catch (NumberFormatException e) {
        showError("Port must be a number from 0 to 65535: " + text);
      }
    });
  }

  private void editVm() {
    VmEntry entry = model.selected().get();
    List<String> names = model.vms().stream().map(VmEntry::name).collect(Collectors.toList());
    NewVmViewModel form = new NewVmViewModel(names, entry.definition().get());
    if (new NewVmDialog(form, stage).showForm()) {
      model.update(entry, form.edited());
      details.show(entry.definition().get(), snapshotModels.get(entry).rows().size());
    }
  }

  private void deleteVm() {
    VmEntry entry = model.selected().get();
    if (!entry.isOff()) {
      showError("Power off '" + entry.name() + "' before deleting it.");
      return;
    }
    List<Path> files = model.library().filesOwnedBy(entry.definition().get());
    String listing = files.isEmpty() ? "No disk or snapshot files belong to it."
        : "These files are deleted:\n" + files.stream().map(p -> "  " + p)
            .collect(Collectors.joining("\n"));
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, listing, ButtonType.CANCEL,
        ButtonType.OK);
    confirm.initOwner(stage);
    confirm.setHeaderText("Delete VM '" + entry.name() + "'?");
    if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
      model.delete(entry);
    }
  }

  private void confirmPowerOff() {
    VmEntry entry = model.selected().get();
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
        "The guest is stopped at once, like pulling the plug. Unsaved data in the guest is lost.",
        ButtonType.CANCEL, ButtonType.OK);
    confirm.initOwner(stage);
    confirm.setHeaderText("Power off '" + entry.name() + "'?");
    if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
      model.powerOff();
    }
  }

  private void showError(String message) {
    Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
    if (stage != null) {
      alert.initOwner(stage);
    }
    alert.setHeaderText(null);
    alert.show();
  }

  /** A short confirmation in the status bar, gone after a few seconds. */
  private void notice(String message) {
    noticeText.set(message);
    noticeTimeout.playFromStart();
  }

  // ---- the window ----

  /** Puts the view in {@code stage}, restores the remembered layout and loads the library. */
  public void show(Stage window) {
    this.stage = window;
    UiSettings settings = UiSettings.load(settingsFile);
    darkThemeItem.setSelected(settings.darkTheme());
    applyTheme(settings.darkTheme());
    window.setScene(new javafx.scene.Scene(view, settings.width(), settings.height()));
    window.getScene().getStylesheets().add(
        MainView.class.getResource("/dev/cairn/ui/cairn.css").toExternalForm());
    if (!Double.isNaN(settings.x())) {
      window.setX(settings.x());
      window.setY(settings.y());
    }
    window.setMaximized(settings.maximized());
    split.setDividerPositions(settings.divider());
    tabs.getSelectionModel().select(Math.max(0, Math.min(settings.lastTab(), 4)));
    model.load();
    if (settings.lastVmId() != null) {
      model.find(settings.lastVmId()).ifPresent(model.selected()::set);
    }
    if (model.selected().get() == null && !model.vms().isEmpty()) {
      model.selected().set(model.vms().get(0));
    }
    window.setOnHidden(e -> close());
    window.show();
  }

  private void close() {
    VmEntry entry = model.selected().get();
    new UiSettings(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
        stage.isMaximized(), split.getDividerPositions()[0],
        entry == null ? null : entry.definition().get().id(), darkThemeItem.isSelected(),
        tabs.getSelectionModel().getSelectedIndex()).save(settingsFile);
    sampler.stop();
    monitors.values().forEach(MonitorViewModel::close);
    model.shutdownAll();
  }

  private static void applyTheme(boolean dark) {
    Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }

  // ---- for tests ----

  public SerialView serial() {
    return serial;
  }

  public DisplayView display() {
    return display;
  }

  public SnapshotsView snapshots() {
    return snapshots;
  }

  public TabPane tabs() {
    return tabs;
  }

  /** The monitor view model of {@code entry} (created if needed). */
  public MonitorViewModel monitorOf(VmEntry entry) {
    track(entry);
    return monitors.get(entry);
  }

  public MonitorView monitorViewOf(VmEntry entry) {
    track(entry);
    return monitorViews.get(entry);
  }

  public MigrationViewModel migrationOf(VmEntry entry) {
    track(entry);
    return migrations.get(entry);
  }

  public SnapshotsViewModel snapshotsOf(VmEntry entry) {
    track(entry);
    return snapshotModels.get(entry);
  }
}
