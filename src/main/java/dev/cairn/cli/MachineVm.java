package dev.cairn.cli;

import dev.cairn.hw.chr.CharSink;
import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.machine.Machine;
import dev.cairn.machine.RunState;
import dev.cairn.migration.snapshot.SnapshotException;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.migration.snapshot.SnapshotStore;
import dev.cairn.monitor.MonitorException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Adapts {@link Machine} to {@link Vm} (and so to the monitor's {@code MonitorTarget}). */
final class MachineVm implements Vm {

  private final Machine machine;
  private volatile SnapshotStore snapshots;

  MachineVm(Machine machine) {
    this.machine = machine;
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
  }

  /** No ACPI-like power button on the board yet, so this powers off at once (see report). */
  @Override
  public void powerDown() {
    machine.powerOff();
  }

  @Override
  public void quit() {
    machine.powerOff();
  }

  @Override
  public void setSnapshotDirectory(Path dir) {
    snapshots = new SnapshotStore(dir);
  }

  private SnapshotStore store() throws MonitorException {
    SnapshotStore store = snapshots;
    if (store == null) {
      throw new MonitorException("no snapshot directory is set for this VM");
    }
    return store;
  }

  // Synchronized with cont(): a snapshot's pause/resume must not interleave with a monitor's cont.
  @Override
  public synchronized void savevm(String tag) throws MonitorException {
    try {
      store().save(machine, tag);
    } catch (SnapshotException e) {
      throw new MonitorException(e.getMessage());
    }
  }

  @Override
  public synchronized void loadvm(String tag) throws MonitorException {
    try {
      store().load(machine, tag);
    } catch (SnapshotException e) {
      throw new MonitorException(e.getMessage());
    }
  }

  @Override
  public void delvm(String tag) throws MonitorException {
    try {
      store().delete(tag, machine);
    } catch (SnapshotException e) {
      throw new MonitorException(e.getMessage());
    }
  }

  @Override
  public List<SnapshotInfo> snapshots() throws MonitorException {
    try {
      return store().list(machine);
    } catch (SnapshotException e) {
      throw new MonitorException(e.getMessage());
    }
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
