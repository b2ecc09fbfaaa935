package dev.cairn.cli;

import dev.cairn.block.BlockDriver;
import dev.cairn.block.DriveRegistry;
import dev.cairn.block.qcow2.Qcow2Image;
import dev.cairn.hw.chr.CharSink;
import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.machine.Machine;
import dev.cairn.machine.RunState;
import dev.cairn.migration.controller.MigrationController;
import dev.cairn.migration.controller.MigrationException;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.migration.incoming.IncomingMigration;
import dev.cairn.migration.transport.MigrationUri;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.migration.snapshot.SnapshotStore;
import dev.cairn.monitor.BlockInfo;
import dev.cairn.monitor.GuestInspector;
import dev.cairn.monitor.MachineSnapshots;
import dev.cairn.monitor.MachineInspector;
import dev.cairn.monitor.MonitorException;
import dev.cairn.monitor.VmEvent;
import dev.cairn.monitor.VmEventSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;

/** Adapts {@link Machine} to {@link Vm} (and so to the monitor's {@code MonitorTarget}). */
final class MachineVm implements Vm {

  private final Machine machine;
  private final VmEventSource events = new VmEventSource();
  private final MigrationController migration;
  private volatile MachineSnapshots snapshots;
  private volatile IncomingMigration incoming;

  MachineVm(Machine machine) {
    this.machine = machine;
    machine.addStateListener(events::stateChanged);
    this.migration = new MigrationController(machine);
  }

  @Override
  public MigrationController migration() {
    return migration;
  }

  @Override
  public IncomingMigration incomingMigration() {
    return incoming;
  }

  @Override
  public String startIncoming(String uri, boolean autostart, Consumer<String> onFailure)
      throws CliException {
    IncomingMigration receiver = new IncomingMigration(machine, autostart);
    receiver.completion().thenAccept(info -> {
      if (info.status() == MigrationStatus.FAILED) {
        onFailure.accept(info.errorDescription());
      }
    });
    incoming = receiver;
    if (uri.equals("defer")) {
      return null;
    }
    try {
      MigrationUri address = receiver.listen(uri);
      return address.toString();
    } catch (MigrationException e) {
      throw new CliException("-incoming " + uri + ": " + e.getMessage());
    }
  }

  @Override
  public RunState runState() {
    return machine.runState();
  }

  @Override
  public void stop() {
    machine.pause();
  }

  /** After {@code -S} the vCPU thread has not started yet, so {@code cont} starts it. */
  @Override
  public synchronized void cont() {
    if (machine.runState() == RunState.INMIGRATE) {
      return; // the guest runs once the incoming stream is loaded, not before
    }
    if (machine.runState() == RunState.PRELAUNCH) {
      machine.start();
    } else {
      machine.resume();
    }
  }

  @Override
  public Optional<DisplaySurface> display() {
    return machine.display();
  }

  @Override
  public InputEvents input() {
    return machine.input();
  }

  @Override
  public void reset() {
    machine.reset();
    events.hostReset();
  }

  /** No ACPI-like power button on the board yet, so this powers off at once (see report). */
  @Override
  public void powerDown() {
    events.powerDownRequested();
    events.hostShutdown();
    machine.powerOff();
  }

  @Override
  public void quit() {
    events.hostShutdown();
    machine.powerOff();
  }

  @Override
  public void setSnapshotDirectory(Path dir) {
    snapshots = new MachineSnapshots(machine, new SnapshotStore(dir));
  }

  private MachineSnapshots snapshotsOrFail() throws MonitorException {
    MachineSnapshots set = snapshots;
    if (set == null) {
      throw new MonitorException("no snapshot directory is set for this VM");
    }
    return set;
  }

  // Synchronized with cont(): a snapshot's pause/resume must not interleave with a monitor's cont.
  @Override
  public synchronized void savevm(String tag) throws MonitorException {
    snapshotsOrFail().savevm(tag);
  }

  @Override
  public synchronized void loadvm(String tag) throws MonitorException {
    snapshotsOrFail().loadvm(tag);
  }

  @Override
  public void delvm(String tag) throws MonitorException {
    snapshotsOrFail().delvm(tag);
  }

  @Override
  public List<SnapshotInfo> snapshots() throws MonitorException {
    return snapshotsOrFail().snapshots();
  }

  @Override
  public List<BlockInfo> blockInfo() {
    List<BlockInfo> out = new ArrayList<>();
    List<DriveRegistry.Drive> drives = machine.drives().drives();
    for (int slot = 0; slot < drives.size(); slot++) {
      BlockDriver d = drives.get(slot).driver();
      BlockDriver backing =
          d instanceof Qcow2Image q ? q.backing() : null;
      out.add(new BlockInfo(drives.get(slot).id(), d.file(), d.format(),
          d.readOnly(), backing == null ? null : backing.file(), slot));
    }
    return out;
  }

  @Override
  public GuestInspector inspector() {
    return new MachineInspector(machine);
  }

  /** The drives' ids, else QEMU's names for {@code if=virtio} drives: virtio0, ... by slot. */
  @Override
  public List<String> driveNames() {
    List<String> names = new ArrayList<>();
    List<dev.cairn.machine.DriveConfig> drives = machine.config().drives();
    for (int i = 0; i < drives.size(); i++) {
      names.add(drives.get(i).id() != null ? drives.get(i).id() : "virtio" + i);
    }
    return names;
  }

  @Override
  public void addEventListener(Consumer<VmEvent> listener) {
    events.addListener(listener);
  }

  @Override
  public void removeEventListener(Consumer<VmEvent> listener) {
    events.removeListener(listener);
  }

  @Override
  public void setSerialSink(CharSink sink) {
    machine.setSerialSink(sink);
  }

  @Override
  public void setNoReboot(boolean noReboot) {
    machine.setNoReboot(noReboot);
  }

  @Override
  public void sendSerialInput(byte[] data) {
    machine.sendSerialInput(data);
  }

  @Override
  public synchronized void start() {
    machine.start();
  }

  @Override
  public int awaitShutdown() throws InterruptedException {
    return machine.awaitShutdown();
  }

  @Override
  public void close() {
    machine.close();
  }
}
