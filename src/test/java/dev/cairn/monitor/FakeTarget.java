package dev.cairn.monitor;

import dev.cairn.machine.RunState;
import dev.cairn.migration.snapshot.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;

/** A VM stand-in that only keeps a run state and a log of what it was asked. */
final class FakeTarget implements MonitorTarget {

  volatile RunState state = RunState.RUNNING;
  final List<String> calls = new ArrayList<>();
  /** What {@code info snapshots} lists. */
  final List<SnapshotInfo> snapshots = new ArrayList<>();
  /** When set, savevm/loadvm fail with this message. */
  volatile String snapshotError;
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
    state = RunState.PAUSED;
  }

  @Override
  public synchronized void cont() {
    calls.add("cont");
    state = RunState.RUNNING;
  }

  @Override
  public synchronized void reset() {
    calls.add("reset");
  }

  @Override
  public synchronized void powerDown() {
    calls.add("powerdown");
    state = RunState.SHUTDOWN;
  }

  @Override
  public synchronized void quit() {
    calls.add("quit");
    state = RunState.SHUTDOWN;
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
