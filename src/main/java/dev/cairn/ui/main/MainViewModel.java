package dev.cairn.ui.main;

import dev.cairn.machine.MachineConfigException;
import dev.cairn.machine.RunState;
import dev.cairn.ui.UiThread;
import dev.cairn.ui.library.LibraryException;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.library.VmLibrary;
import dev.cairn.ui.runtime.VmInstance;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: the library, the selected VM, which toolbar actions apply to it, and
 * the status bar's texts.
 *
 * <p>Actions never block the caller: creating a machine (it reads the images) runs on
 * {@code background}; requests to a running VM run on its control thread. Results and errors come
 * back through {@code ui}; errors go to the handler set with {@link #setErrorHandler}.
 */
public final class MainViewModel {

  private final VmLibrary library;
  private final UiThread ui;
  private final Executor background;
  private final ObservableList<VmEntry> vms = FXCollections.observableArrayList(
      e -> new javafx.beans.Observable[] {e.definition(), e.state(), e.thumbnail()});
  private final ObjectProperty<VmEntry> selected = new SimpleObjectProperty<>();
  private final ObjectProperty<RunState> selectedState = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper runStateText = new ReadOnlyStringWrapper("No VM selected");
  private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper clockText = new ReadOnlyStringWrapper("");
  private final SpeedMeter speed = new SpeedMeter();
  private Consumer<String> errorHandler = message -> {};
  /** VMs whose wait for an incoming migration the user stopped: their end is no error. */
  private final java.util.Set<VmEntry> stoppedReceiving = new java.util.HashSet<>();

  public MainViewModel(VmLibrary library, UiThread ui, Executor background) {
    this.library = library;
    this.ui = ui;
    this.background = background;
    selected.addListener((o, old, now) -> {
      selectedState.unbind();
      if (now == null) {
        selectedState.set(null);
      } else {
        selectedState.bind(now.state());
      }
      speed.reset();
      stopDirtyRate(old);
      refreshStatus();
    });
    selectedState.addListener((o, old, now) -> refreshStatus());
  }

  public void setErrorHandler(Consumer<String> handler) {
    this.errorHandler = handler;
  }

  /** Reads the library from disk; damaged files are reported through the error handler. */
  public void load() {
    VmLibrary.Contents contents = library.load();
    vms.setAll(contents.vms().stream().map(VmEntry::new).toList());
    contents.problems().forEach(errorHandler);
  }

  public VmLibrary library() {
    return library;
  }

  public ObservableList<VmEntry> vms() {
    return vms;
  }

  public ObjectProperty<VmEntry> selected() {
    return selected;
  }

  public Optional<VmEntry> find(String id) {
    return vms.stream().filter(e -> e.definition().get().id().equals(id)).findFirst();
  }

  // ---- what the toolbar may do ----

  public BooleanBinding canStart() {
    return Bindings.createBooleanBinding(
        () -> selected.get() != null && isOff(selectedState.get()), selected, selectedState);
  }

  public BooleanBinding isRunning() {
    return Bindings.createBooleanBinding(
        () -> selectedState.get() == RunState.RUNNING, selectedState);
  }

  public BooleanBinding isPaused() {
    return Bindings.createBooleanBinding(
        () -> selectedState.get() == RunState.PAUSED, selectedState);
  }

  /** Running or paused: reset, power off, snapshot and the monitor apply. */
  public BooleanBinding isActive() {
    return Bindings.createBooleanBinding(
        () -> selectedState.get() == RunState.RUNNING || selectedState.get() == RunState.PAUSED,
        selectedState);
  }

  /** Waiting for or loading an incoming migration. */
  public BooleanBinding isReceiving() {
    return Bindings.createBooleanBinding(
        () -> selectedState.get() == RunState.INMIGRATE, selectedState);
  }

  private static boolean isOff(RunState state) {
    return state == null || state == RunState.SHUTDOWN || state == RunState.INTERNAL_ERROR
        || state == RunState.POSTMIGRATE;
  }

  // ---- actions ----

  /** Builds the selected VM's machine and starts it; the old instance of a shut-down VM goes. */
  public void start() {
    VmEntry entry = selected.get();
    if (entry == null || !entry.isOff()) {
      return;
    }
    VmDefinition definition = entry.definition().get();
    VmInstance old = entry.instance().get();
    entry.state().set(RunState.PRELAUNCH);
    background.execute(() -> {
      if (old != null) {
        old.close();
      }
      try {
        VmInstance vm = VmInstance.create(definition.name(), definition.toMachineConfig(),
            library.snapshotDirectory(definition.id()));
        vm.addStateListener(state -> ui.execute(() -> entry.state().set(state)));
        ui.execute(() -> entry.instance().set(vm));
        vm.control().execute(vm::start);
      } catch (MachineConfigException | RuntimeException e) {
        ui.execute(() -> {
          entry.state().set(null);
          errorHandler.accept("Cannot start '" + definition.name() + "': " + e.getMessage());
        });
      }
    });
  }

  /**
   * Builds the selected (stopped) VM's machine and makes it wait for an incoming migration on
   * TCP {@code port} of every interface (0: any free port). The entry's activity shows the port
   * actually bound; the VM runs once the stream is loaded. A stream that fails leaves the VM
   * stopped and reports why.
   */
  public void receive(int port) {
    VmEntry entry = selected.get();
    if (entry == null || !entry.isOff()) {
      return;
    }
    if (port < 0 || port > 65535) {
      errorHandler.accept("Port must be 0 to 65535");
      return;
    }
    VmDefinition definition = entry.definition().get();
    VmInstance old = entry.instance().get();
    entry.state().set(RunState.PRELAUNCH);
    background.execute(() -> {
      if (old != null) {
        old.close();
      }
      VmInstance vm = null;
      try {
        vm = VmInstance.create(definition.name(), definition.toMachineConfig(),
            library.snapshotDirectory(definition.id()));
        VmInstance receiving = vm;
        vm.addStateListener(state -> ui.execute(() -> entry.state().set(state)));
        var bound = (dev.cairn.migration.transport.MigrationUri.Tcp) vm.receive("tcp:0.0.0.0:"
            + port);
        ui.execute(() -> {
          entry.instance().set(receiving);
          entry.state().set(RunState.INMIGRATE);
          entry.incomingPort().set(bound.port());
          entry.activity().set("Waiting for an incoming migration on port " + bound.port());
        });
        vm.incoming().orElseThrow().completion().thenAccept(end -> ui.execute(() -> {
          entry.incomingPort().set(0);
          entry.activity().set("");
          if (end.status() != dev.cairn.migration.controller.MigrationStatus.COMPLETED) {
            background.execute(receiving::close);
            entry.instance().set(null);
            entry.state().set(null);
            if (!stoppedReceiving.remove(entry)) {
              errorHandler.accept("Receiving '" + definition.name() + "' failed: "
                  + end.errorDescription());
            }
          }
        }));
      } catch (MachineConfigException | dev.cairn.migration.controller.MigrationException
          | RuntimeException e) {
        if (vm != null) {
          vm.close();
        }
        ui.execute(() -> {
          entry.state().set(null);
          errorHandler.accept("Cannot receive '" + definition.name() + "': " + e.getMessage());
        });
      }
    });
  }

  /** Stops waiting for an incoming migration; the VM stays stopped. */
  public void cancelReceive() {
    VmEntry entry = selected.get();
    VmInstance vm = entry == null ? null : entry.instance().get();
    if (vm != null && entry.state().get() == RunState.INMIGRATE) {
      vm.incoming().ifPresent(in -> {
        stoppedReceiving.add(entry);
        background.execute(in::cancel);
      });
    }
  }

  /** Pauses a running VM or resumes a paused one. */
  public void togglePause() {
    withInstance(vm -> {
      if (vm.runState() == RunState.RUNNING) {
        vm.stop();
      } else {
        vm.cont();
      }
    });
  }

  public void reset() {
    withInstance(VmInstance::reset);
  }

  public void powerOff() {
    withInstance(VmInstance::powerDown);
  }

  private void withInstance(Consumer<VmInstance> action) {
    VmEntry entry = selected.get();
    VmInstance vm = entry == null ? null : entry.instance().get();
    if (vm == null) {
      return;
    }
    vm.control().execute(() -> {
      try {
        action.accept(vm);
      } catch (RuntimeException e) {
        ui.execute(() -> errorHandler.accept(entry.name() + ": " + e.getMessage()));
      }
    });
  }

  // ---- library changes ----

  /** Adds a new VM (already saved) to the list and selects it. */
  public void added(VmDefinition definition) {
    VmEntry entry = new VmEntry(definition);
    vms.add(entry);
    selected.set(entry);
  }

  /** Saves an edited definition; takes effect at the next start. */
  public void update(VmEntry entry, VmDefinition definition) {
    try {
      library.save(definition);
      entry.definition().set(definition);
    } catch (LibraryException e) {
      errorHandler.accept(e.getMessage());
    }
  }

  /** Deletes a powered-off VM and its files in the background. */
  public void delete(VmEntry entry) {
    if (!entry.isOff()) {
      errorHandler.accept("Power off '" + entry.name() + "' before deleting it.");
      return;
    }
    vms.remove(entry);
    background.execute(() -> {
      VmInstance vm = entry.instance().get();
      if (vm != null) {
        vm.close();
      }
      try {
        library.delete(entry.definition().get());
      } catch (LibraryException e) {
        ui.execute(() -> errorHandler.accept(e.getMessage()));
      }
    });
  }

  /** Copies a VM (its own disks too) under {@code name}, in the background. */
  public void cloneAs(VmEntry entry, String name) {
    VmDefinition source = entry.definition().get();
    background.execute(() -> {
      try {
        VmDefinition copy = library.cloneAs(source, name);
        ui.execute(() -> added(copy));
      } catch (LibraryException e) {
        ui.execute(() -> errorHandler.accept(e.getMessage()));
      }
    });
  }

  /** A name not yet used in the library: {@code base}, else "base (2)", "base (3)"... */
  public String freeName(String base) {
    List<String> names = vms.stream().map(VmEntry::name).toList();
    if (!names.contains(base)) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + " (" + i + ")";
      if (!names.contains(candidate)) {
        return candidate;
      }
    }
  }

  /** Powers off every VM (the window is closing). */
  public void shutdownAll() {
    for (VmEntry entry : vms) {
      VmInstance vm = entry.instance().get();
      if (vm != null) {
        vm.close();
      }
    }
  }

  // ---- status bar ----

  /** Called about once a second by the view: recomputes speed and guest clock. */
  public void sample(long nowNanos) {
    VmEntry entry = selected.get();
    VmInstance vm = entry == null ? null : entry.instance().get();
    if (vm == null || entry.isOff()) {
      speed.reset();
      speedText.set("");
      clockText.set("");
      return;
    }
    double ips = speed.sample(nowNanos, vm.instructions());
    speedText.set(entry.state().get() == RunState.RUNNING && ips >= 0 ? formatIps(ips) : "");
    clockText.set("Guest clock " + formatClock(vm.guestClockNanos()));
  }

  /**
   * Measures the selected running VM's dirty-page rate in the background and hands it (pages per
   * second, -1 for the first sample) to {@code result} on the UI thread. Nothing for a VM that is
   * off or paused.
   */
  public void sampleDirtyRate(Consumer<Double> result) {
    VmEntry entry = selected.get();
    VmInstance vm = entry == null ? null : entry.instance().get();
    if (vm == null || entry.state().get() != RunState.RUNNING) {
      return;
    }
    background.execute(() -> {
      double rate = vm.dirtyRate().sample(System.nanoTime());
      ui.execute(() -> result.accept(rate));
    });
  }

  /** Stops measuring the selected VM's dirty-page rate (the Details tab was left). */
  public void stopDirtyRate() {
    stopDirtyRate(selected.get());
  }

  /** A VM no longer shown is not measured: its stores go at full speed again. */
  private void stopDirtyRate(VmEntry entry) {
    VmInstance vm = entry == null ? null : entry.instance().get();
    if (vm != null) {
      background.execute(() -> vm.dirtyRate().stop());
    }
  }

  /** The last measured instructions per second of the selected VM, or -1. */
  public double lastIps() {
    return speed.last();
  }

  private void refreshStatus() {
    VmEntry entry = selected.get();
    runStateText.set(entry == null ? "No VM selected"
        : entry.name() + " — " + VmEntry.describe(entry.state().get()));
  }

  static String formatIps(double ips) {
    if (ips >= 1e6) {
      return String.format("%.1f MIPS", ips / 1e6);
    }
    return String.format("%.0f kIPS", ips / 1e3);
  }

  static String formatClock(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    return String.format("%02d:%02d:%02d.%03d", seconds / 3600, seconds / 60 % 60, seconds % 60,
        nanos / 1_000_000 % 1000);
  }

  public ReadOnlyStringProperty runStateText() {
    return runStateText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty speedText() {
    return speedText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty clockText() {
    return clockText.getReadOnlyProperty();
  }
}
