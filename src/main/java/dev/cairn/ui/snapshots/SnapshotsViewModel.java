package dev.cairn.ui.snapshots;

import dev.cairn.migration.live.SaveProgress;
import dev.cairn.migration.snapshot.SnapshotException;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.ui.UiThread;
import dev.cairn.ui.runtime.VmInstance;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Snapshots tab's state for one VM: its snapshots, and the progress of a snapshot being taken.
 *
 * <p>Progress shows what really remains: dirty pages left in the current pass, in pages and MiB,
 * with the pass number and the pause the final pass would cost. The bar is the remaining pages
 * against the most seen in this save, so it can grow again when the guest re-dirties memory; it
 * is never a made-up percentage. All store access runs on the VM's control thread.
 */
public final class SnapshotsViewModel {

  private final UiThread ui;
  private final ObservableList<SnapshotRow> rows = FXCollections.observableArrayList();
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final DoubleProperty remainingFraction = new SimpleDoubleProperty(-1);
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
  private Consumer<String> errorHandler = m -> {};
  private Consumer<String> notifier = m -> {};
  private VmInstance vm;
  private Future<?> running;
  private long maxRemaining;

  public SnapshotsViewModel(UiThread ui) {
    this.ui = ui;
  }

  public void setErrorHandler(Consumer<String> handler) {
    this.errorHandler = handler;
  }

  /** Hears short confirmations ("Snapshot 'a' restored"). */
  public void setNotifier(Consumer<String> notifier) {
    this.notifier = notifier;
  }

  /** Shows {@code instance}'s snapshots (null: none, nothing can be done). */
  public void attach(VmInstance instance) {
    this.vm = instance;
    rows.clear();
    if (instance != null) {
      refresh();
    }
  }

  /** Re-reads the list from the store. */
  public void refresh() {
    VmInstance target = vm;
    if (target == null) {
      return;
    }
    target.control().execute(() -> {
      try {
        List<SnapshotInfo> list = target.snapshotStore().list(target.machine());
        ui.execute(() -> {
          if (vm == target) {
            rows.setAll(list.stream().map(SnapshotRow::of).toList());
          }
        });
      } catch (SnapshotException e) {
        ui.execute(() -> errorHandler.accept(e.getMessage()));
      }
    });
  }

  /** Takes live snapshot {@code tag} while the guest runs; progress as described above. */
  public void take(String tag) {
    VmInstance target = vm;
    if (target == null || busy.get()) {
      return;
    }
    busy.set(true);
    maxRemaining = 0;
    remainingFraction.set(-1);
    progressText.set("Starting snapshot '" + tag + "'…");
    running = target.control().submit(() -> {
      try {
        SnapshotInfo info = target.saveLive(tag, p -> ui.execute(() -> show(tag, p)));
        ui.execute(() -> {
          finish();
          current.set(info.tag());
          notifier.accept("Snapshot '" + tag + "' taken (" + Sizes.bytes(info.sizeBytes())
              + ")");
        });
        refresh();
      } catch (SnapshotException e) {
        boolean cancelled = Thread.interrupted();
        ui.execute(() -> {
          finish();
          if (cancelled) {
            notifier.accept("Snapshot '" + tag + "' cancelled; nothing was saved");
          } else {
            errorHandler.accept(e.getMessage());
          }
        });
      }
      return null;
    });
  }

  /** Stops the snapshot being taken; the store stays as it was and the guest runs on. */
  public void cancel() {
    Future<?> task = running;
    if (task != null) {
      progressText.set("Cancelling…");
      task.cancel(true);
    }
  }

  private void show(String tag, SaveProgress p) {
    if (!busy.get()) {
      return;
    }
    maxRemaining = Math.max(maxRemaining, p.remainingPages());
    remainingFraction.set(maxRemaining == 0 ? 0 : (double) p.remainingPages() / maxRemaining);
    String phase = p.status().equals("device") ? "final pause, saving devices"
        : "pass " + p.pass();
    progressText.set(String.format("Snapshot '%s': %s · %,d dirty pages (%s) left · %s/s · "
        + "expected pause %d ms", tag, phase, p.remainingPages(), Sizes.bytes(p.remainingBytes()),
        Sizes.bytes((long) p.bytesPerSecond()), p.expectedDowntimeMillis()));
  }

  private void finish() {
    busy.set(false);
    running = null;
    progressText.set("");
    remainingFraction.set(-1);
  }

  /** Restores {@code row}'s snapshot; the VM keeps its run state. */
  public void restore(SnapshotRow row) {
    VmInstance target = vm;
    if (target == null || row == null) {
      return;
    }
    target.control().execute(() -> {
      try {
        target.restore(row.tag());
        ui.execute(() -> {
          current.set(row.tag());
          notifier.accept("Snapshot '" + row.tag() + "' restored");
        });
      } catch (SnapshotException e) {
        ui.execute(() -> errorHandler.accept(e.getMessage()));
      }
    });
  }

  /** Deletes {@code row}'s snapshot: its file, index entry and the disk half on the VM's drives. */
  public void delete(SnapshotRow row) {
    VmInstance target = vm;
    if (target == null || row == null) {
      return;
    }
    target.control().execute(() -> {
      try {
        target.snapshotStore().delete(row.tag(), target.machine());
        ui.execute(() -> notifier.accept("Snapshot '" + row.tag() + "' deleted"));
      } catch (SnapshotException e) {
        ui.execute(() -> errorHandler.accept(e.getMessage()));
      }
      refresh();
    });
  }

  /** A tag not in the list yet: {@code snapshot-N}. */
  public String suggestTag() {
    for (int i = rows.size() + 1; ; i++) {
      String tag = "snapshot-" + i;
      if (rows.stream().noneMatch(r -> r.tag().equals(tag))) {
        return tag;
      }
    }
  }

  public ObservableList<SnapshotRow> rows() {
    return rows;
  }

  public ReadOnlyBooleanProperty busy() {
    return busy;
  }

  /** Remaining dirty pages against the most seen in this save (0..1), or -1 before any pass. */
  public ReadOnlyDoubleProperty remainingFraction() {
    return remainingFraction;
  }

  public ReadOnlyStringProperty progressText() {
    return progressText.getReadOnlyProperty();
  }

  /** The snapshot the VM's state last came from or went to in this session, or "". */
  public ReadOnlyStringProperty current() {
    return current.getReadOnlyProperty();
  }

  boolean attached() {
    return vm != null;
  }
}
