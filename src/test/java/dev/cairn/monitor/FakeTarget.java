package dev.cairn.monitor;

import dev.cairn.machine.RunState;
import dev.cairn.migration.snapshot.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;

/** A VM stand-in that only keeps a run state and a log of what it was asked. */
class FakeTarget implements MonitorTarget {

  volatile RunState state = RunState.RUNNING;
  final List<String> calls = new ArrayList<>();
  /** What {@code info snapshots} lists. */
  final List<SnapshotInfo> snapshots = new ArrayList<>();
  /** When set, savevm/loadvm fail with this message. */
  volatile String snapshotError;
  /** What inspecting commands see; null means "this VM cannot be inspected". */
  volatile GuestInspector inspector;
  final List<String> drives = new ArrayList<>();
  final List<java.util.function.Consumer<RunState>> stateListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

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
  public void addRunStateListener(java.util.function.Consumer<RunState> listener) {
    stateListeners.add(listener);
  }

  /** Changes the state and tells listeners, as the machine does. */
  void changeState(RunState next) {
    state = next;
    stateListeners.forEach(l -> l.accept(next));
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
  }

  @Override
  public synchronized void powerDown() {
    calls.add("powerdown");
    changeState(RunState.SHUTDOWN);
  }

  @Override
  public synchronized void quit() {
    calls.add("quit");
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
