package dev.cairn.monitor;

import dev.cairn.machine.RunState;
import dev.cairn.migration.snapshot.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;

/** A VM stand-in that only keeps a run state and a log of what it was asked. */
public class FakeTarget implements MonitorTarget {

  public volatile RunState state = RunState.RUNNING;

  public FakeTarget() {
    events.stateChanged(RunState.RUNNING);
  }
  public final List<String> calls = new ArrayList<>();
  /** What {@code info snapshots} lists. */
  public final List<SnapshotInfo> snapshots = new ArrayList<>();
  /** What {@code info block} lists. */
  final List<BlockInfo> blocks = new ArrayList<>();
  /** When set, savevm/loadvm fail with this message. */
  public volatile String snapshotError;
  /** What inspecting commands see; null means "this VM cannot be inspected". */
  volatile GuestInspector inspector;
  public final List<String> drives = new ArrayList<>();
  public final VmEventSource events = new VmEventSource();

  @Override
  public GuestInspector inspector() throws MonitorException {
    if (inspector == null) {
      return MonitorTarget.super.inspector();
    }
    return inspector;
  }

  @Override
  public List<String> driveNames() {
    return List.copyOf(drives);
  }

  @Override
  public void addEventListener(java.util.function.Consumer<VmEvent> listener) {
    events.addListener(listener);
  }

  @Override
  public void removeEventListener(java.util.function.Consumer<VmEvent> listener) {
    events.removeListener(listener);
  }

  /** Changes the state and tells the event source, as the machine does. */
  public void changeState(RunState next) {
    state = next;
    events.stateChanged(next);
  }

  @Override
  public List<BlockInfo> blockInfo() {
    return List.copyOf(blocks);
  }

  /** What the migration commands drive; null means "this VM cannot migrate". */
  volatile dev.cairn.migration.controller.MigrationController migration;

  @Override
  public dev.cairn.migration.controller.MigrationController migration() throws MonitorException {
    if (migration == null) {
      return MonitorTarget.super.migration();
    }
    return migration;
  }

  @Override
  public RunState runState() {
    return state;
  }

  @Override
  public synchronized void stop() {
    calls.add("stop");
    changeState(RunState.PAUSED);
  }

  @Override
  public synchronized void cont() {
    calls.add("cont");
    changeState(RunState.RUNNING);
  }

  @Override
  public synchronized void reset() {
    calls.add("reset");
    events.hostReset();
  }

  @Override
  public synchronized void powerDown() {
    calls.add("powerdown");
    events.powerDownRequested();
    events.hostShutdown();
    changeState(RunState.SHUTDOWN);
  }

  @Override
  public synchronized void quit() {
    calls.add("quit");
    events.hostShutdown();
    changeState(RunState.SHUTDOWN);
  }

  @Override
  public synchronized void savevm(String tag) throws MonitorException {
    calls.add("savevm " + tag);
    if (snapshotError != null) {
      throw new MonitorException(snapshotError);
    }
  }

  @Override
  public synchronized void loadvm(String tag) throws MonitorException {
    calls.add("loadvm " + tag);
    if (snapshotError != null) {
      throw new MonitorException(snapshotError);
    }
  }

  @Override
  public synchronized void delvm(String tag) {
    calls.add("delvm " + tag);
  }

  @Override
  public synchronized List<SnapshotInfo> snapshots() {
    return List.copyOf(snapshots);
  }
}
