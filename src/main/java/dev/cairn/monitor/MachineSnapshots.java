package dev.cairn.monitor;

import dev.cairn.machine.Machine;
import dev.cairn.migration.snapshot.SnapshotException;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.migration.snapshot.SnapshotStore;
import java.util.List;

/**
 * The snapshot half of a {@link MonitorTarget} for a real {@link Machine}: {@code savevm},
 * {@code loadvm}, {@code delvm} and {@code info snapshots} on a {@link SnapshotStore}, with the
 * store's errors as monitor errors. Every VM front end ({@code cairn run}, the GUI, tests)
 * delegates here, so parents and thumbnails are recorded the same way whoever takes a snapshot.
 *
 * <p>Callers serialise {@link #savevm} and {@link #loadvm} with their own {@code cont}, so a
 * snapshot's pause and resume never interleave with a monitor's resume.
 */
public final class MachineSnapshots {

  private final Machine machine;
  private final SnapshotStore store;

  public MachineSnapshots(Machine machine, SnapshotStore store) {
    this.machine = machine;
    this.store = store;
  }

  public SnapshotStore store() {
    return store;
  }

  /** See {@link MonitorTarget#savevm}. */
  public void savevm(String tag) throws MonitorException {
    try {
      store.save(machine, tag);
    } catch (SnapshotException e) {
      throw new MonitorException(e.getMessage());
    }
  }

  /** See {@link MonitorTarget#loadvm}. */
  public void loadvm(String tag) throws MonitorException {
    try {
      store.load(machine, tag);
    } catch (SnapshotException e) {
      throw new MonitorException(e.getMessage());
    }
  }

  /** See {@link MonitorTarget#delvm}: the index entry, its files and the disk half. */
  public void delvm(String tag) throws MonitorException {
    try {
      store.delete(tag, machine);
    } catch (SnapshotException e) {
      throw new MonitorException(e.getMessage());
    }
  }

  /** See {@link MonitorTarget#snapshots}: those whose disk half is on every writable drive. */
  public List<SnapshotInfo> snapshots() throws MonitorException {
    try {
      return store.list(machine);
    } catch (SnapshotException e) {
      throw new MonitorException(e.getMessage());
    }
  }
}
