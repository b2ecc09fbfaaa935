package dev.cairn.ui.snapshots;

import dev.cairn.migration.live.SaveProgress;
import dev.cairn.migration.snapshot.SnapshotException;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.ui.UiThread;
import dev.cairn.ui.runtime.VmInstance;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import dev.cairn.migration.snapshot.SnapshotStore;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
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
 *
 * <p>The list is also published as a {@link SnapshotTree} (parent/child, with the current state
 * marked). A delete waits while the notification offers Undo: the row disappears at once, the
 * files go when {@link #commitDelete} is called (the view's timer, or the next action).
 */
public final class SnapshotsViewModel {

  private final UiThread ui;
  private final ObservableList<SnapshotRow> rows = FXCollections.observableArrayList();
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final DoubleProperty remainingFraction = new SimpleDoubleProperty(-1);
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
  private final ObjectProperty<List<SnapshotTree.Node>> tree =
      new SimpleObjectProperty<>(List.of());
  private final ObjectProperty<SnapshotRow> pendingDelete = new SimpleObjectProperty<>();
  private int currentId = SnapshotInfo.NO_PARENT;
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
    commitDelete();
    this.vm = instance;
    rows.clear();
    tree.set(List.of());
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
    try {
      target.control().execute(() -> refreshNow(target));
    } catch (RejectedExecutionException e) {
      // The VM was closed meanwhile (a delete finishing as the window shuts): nothing to show.
    }
  }

  /** Reads the list on the VM's control thread and shows it. */
  private void refreshNow(VmInstance target) {
    try {
      SnapshotStore store = target.snapshotStore();
      List<SnapshotRow> list = store.list(target.machine()).stream()
          .map(i -> SnapshotRow.of(i, store.thumbnail(i).orElse(null))).toList();
      int currentNow = store.currentId();
      ui.execute(() -> {
        if (vm == target) {
          show(list, currentNow);
        }
      });
    } catch (SnapshotException e) {
      ui.execute(() -> errorHandler.accept(e.getMessage()));
    }
  }

  /** Publishes {@code list} as rows and tree, without a delete that waits for its Undo. */
  private void show(List<SnapshotRow> list, int currentNow) {
    SnapshotRow waiting = pendingDelete.get();
    List<SnapshotRow> visible = list.stream()
        .filter(r -> waiting == null || r.id() != waiting.id()).toList();
    currentId = currentNow;
    rows.setAll(visible);
    tree.set(SnapshotTree.build(visible, currentNow));
    current.set(list.stream().filter(r -> r.id() == currentNow).map(SnapshotRow::tag)
        .findFirst().orElse(""));
  }

  /** Takes live snapshot {@code tag} while the guest runs; progress as described above. */
  public void take(String tag) {
    take(tag, true, null);
  }

  /**
   * Takes snapshot {@code tag}: live (the guest runs until a short final pause) or with the guest
   * paused for the whole save; then runs {@code afterwards} on the control thread if the save
   * succeeded.
   */
  public void take(String tag, boolean live, Runnable afterwards) {
    take(tag, live, null, afterwards);
  }

  /** As {@link #take(String, boolean, Runnable)}, recording {@code description} with it. */
  public void take(String tag, boolean live, String description, Runnable afterwards) {
    VmInstance target = vm;
    if (target == null || busy.get()) {
      return;
    }
    commitDelete();
    busy.set(true);
    maxRemaining = 0;
    remainingFraction.set(-1);
    progressText.set("Starting snapshot '" + tag + "'…");
    running = target.control().submit(() -> {
      try {
        SnapshotInfo info = live
            ? target.saveLive(tag, p -> ui.execute(() -> show(tag, p)))
            : target.snapshotStore().save(target.machine(), tag);
        if (description != null && !description.isBlank()) {
          info = target.snapshotStore().describe(tag, description);
        }
        SnapshotInfo taken = info;
        ui.execute(() -> {
          finish();
          current.set(taken.tag());
          notifier.accept("Snapshot '" + tag + "' taken (" + Sizes.bytes(taken.sizeBytes())
              + ")");
        });
        refreshNow(target); // already on the control thread
        if (afterwards != null) {
          afterwards.run();
        }
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
    commitDelete();
    target.control().execute(() -> restoreNow(target, row));
  }

  /**
   * Saves the current state as live snapshot {@code saveTag} first, then restores {@code row};
   * if the save fails or is cancelled nothing is restored, so no state is lost.
   */
  public void saveThenRestore(String saveTag, SnapshotRow row) {
    VmInstance target = vm;
    if (target == null || row == null) {
      return;
    }
    take(saveTag, true, () -> restoreNow(target, row));
  }

  private void restoreNow(VmInstance target, SnapshotRow row) {
    try {
      target.restore(row.tag());
      ui.execute(() -> notifier.accept("Snapshot '" + row.tag() + "' restored"));
    } catch (SnapshotException e) {
      ui.execute(() -> errorHandler.accept(e.getMessage()));
    }
    refreshNow(target); // already on the control thread
  }

  /**
   * Hides {@code row} and keeps its files until {@link #commitDelete} (or {@link #undoDelete}).
   * A delete already waiting is carried out first.
   */
  public void delete(SnapshotRow row) {
    if (vm == null || row == null) {
      return;
    }
    commitDelete();
    pendingDelete.set(row);
    show(rows.stream().toList(), currentId);
  }

  /** Brings back the snapshot whose delete waits; nothing was deleted yet. */
  public void undoDelete() {
    if (pendingDelete.get() != null) {
      pendingDelete.set(null);
      refresh();
    }
  }

  /**
   * Deletes the waiting snapshot for good: its files, index entry and the disk half on the VM's
   * drives (its children then hang from its parent).
   */
  public void commitDelete() {
    SnapshotRow row = pendingDelete.get();
    VmInstance target = vm;
    if (row == null || target == null) {
      return;
    }
    pendingDelete.set(null);
    target.control().execute(() -> {
      try {
        target.snapshotStore().delete(row.tag(), target.machine());
        ui.execute(() -> notifier.accept("Snapshot '" + row.tag() + "' deleted"));
      } catch (SnapshotException e) {
        ui.execute(() -> errorHandler.accept(e.getMessage()));
      }
      refreshNow(target); // already on the control thread
    });
  }

  /** Renames {@code row}'s snapshot (and its disk half) to {@code newTag}. */
  public void rename(SnapshotRow row, String newTag) {
    VmInstance target = vm;
    if (target == null || row == null) {
      return;
    }
    commitDelete();
    target.control().execute(() -> {
      try {
        target.snapshotStore().rename(target.machine(), row.tag(), newTag.strip());
      } catch (SnapshotException e) {
        ui.execute(() -> errorHandler.accept(e.getMessage()));
      }
      refreshNow(target); // already on the control thread
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

  /** The rows as a tree with the current state marked; replaced as a whole on each change. */
  public ReadOnlyObjectProperty<List<SnapshotTree.Node>> tree() {
    return tree;
  }

  /** The snapshot deleted but still waiting for Undo, or null. */
  public ReadOnlyObjectProperty<SnapshotRow> pendingDelete() {
    return pendingDelete;
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
