package dev.cairn.ui.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Await;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import dev.cairn.migration.CounterGuest;
import dev.cairn.ui.UiThread;
import dev.cairn.ui.runtime.VmInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Snapshots tab's view model on a real running machine (the counter guest, which keeps
 * dirtying memory), without a screen.
 */
class SnapshotsViewModelTest {

  @TempDir Path dir;

  private VmInstance vm;
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<String> notices = new CopyOnWriteArrayList<>();
  private final SnapshotsViewModel model = new SnapshotsViewModel(UiThread.DIRECT);

  @BeforeEach
  void startGuest() throws Exception {
    // Long enough to still be running when the snapshots are taken and restored.
    Path elf = CounterGuest.build(dir, 400_000_000);
    vm = VmInstance.create("counter", new MachineConfig(64L << 20, null, elf, null, "",
        List.of(), false, false), dir.resolve("snapshots"));
    vm.start();
    model.setErrorHandler(errors::add);
    model.setNotifier(notices::add);
    model.attach(vm);
  }

  @AfterEach
  void stop() {
    vm.close();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(Duration.ofSeconds(60), what, condition);
  }

  @Test
  void aLiveSnapshotShowsProgressThenAppearsInTheListAndTheGuestRunsOn() throws Exception {
    List<String> progress = new CopyOnWriteArrayList<>();
    model.progressText().addListener((o, was, now) -> progress.add(now));
    model.take("first");
    assertTrue(model.busy().get());
    await("the snapshot in the list", () -> model.rows().size() == 1);
    await("the end of the save", () -> !model.busy().get());
    assertEquals(List.of(), errors);
    assertEquals("first", model.rows().get(0).tag());
    assertEquals("first", model.current().get());
    assertTrue(progress.stream().anyMatch(p -> p.contains("dirty pages")), progress.toString());
    assertTrue(notices.get(0).startsWith("Snapshot 'first' taken"), notices.toString());
    assertEquals(RunState.RUNNING, vm.runState());
    assertTrue(Files.size(dir.resolve("snapshots").resolve(model.rows().get(0).info().file()))
        > 0);
  }

  @Test
  void restoringPutsTheGuestBackToTheSnapshotsInstant() throws Exception {
    model.take("back");
    await("the snapshot", () -> model.rows().size() == 1 && !model.busy().get());
    long savedAt = model.rows().get(0).info().instructions();
    Thread.sleep(300);
    // Paused, the restore leaves it paused, so the counter must read the saved instant exactly.
    vm.control().submit(vm::stop).get();
    assertTrue(vm.instructions() > savedAt, "the guest ran on after the snapshot");
    model.restore(model.rows().get(0));
    await("the restore", () -> notices.stream().anyMatch(n -> n.contains("restored")));
    assertEquals(List.of(), errors);
    assertEquals(savedAt, vm.instructions());
    assertEquals(RunState.PAUSED, vm.runState());
    assertEquals("back", model.current().get());
  }

  @Test
  void deleteHidesAtOnceAndRemovesTheFilesOnlyWhenCommitted() throws Exception {
    model.take("gone", false, null);
    await("the snapshot", () -> model.rows().size() == 1 && !model.busy().get());
    Path file = dir.resolve("snapshots").resolve(model.rows().get(0).info().file());
    model.delete(model.rows().get(0));
    assertTrue(model.rows().isEmpty(), "hidden at once");
    assertEquals("gone", model.pendingDelete().get().tag());
    assertTrue(Files.exists(file), "nothing is deleted while Undo is offered");
    model.commitDelete();
    await("the store to forget it", () -> !stored("gone"));
    assertEquals(List.of(), errors);
    assertFalse(Files.exists(file));
    assertEquals(null, model.pendingDelete().get());
  }

  @Test
  void aDescriptionGivenWithTheSnapshotIsStoredAndShownWithIt() throws Exception {
    model.take("noted", false, "before the upgrade", null);
    await("the snapshot", () -> model.rows().size() == 1 && !model.busy().get());
    assertEquals(List.of(), errors);
    assertEquals("before the upgrade", model.rows().get(0).info().description());
    assertEquals("before the upgrade", vm.snapshotStore().find("noted").orElseThrow().description());
  }

  @Test
  void undoBringsADeletedSnapshotBack() throws Exception {
    model.take("kept", false, null);
    await("the snapshot", () -> model.rows().size() == 1 && !model.busy().get());
    model.delete(model.rows().get(0));
    model.undoDelete();
    await("the snapshot back", () -> model.rows().size() == 1);
    assertTrue(vm.snapshotStore().find("kept").isPresent());
    assertEquals(List.of(), errors);
  }

  private boolean stored(String tag) {
    try {
      return vm.snapshotStore().find(tag).isPresent();
    } catch (dev.cairn.migration.snapshot.SnapshotException e) {
      throw new AssertionError(e);
    }
  }

  private void takeAndWait(String tag) throws InterruptedException {
    int before = model.rows().size();
    model.take(tag, false, null);
    await(tag, () -> !model.busy().get() && model.rows().size() == before + 1);
  }

  @Test
  void theTreeFollowsTakesLoadsAndDeletesOfTheRealVm() throws Exception {
    takeAndWait("A");
    takeAndWait("B");
    model.restore(model.rows().get(0));
    await("A current", () -> model.current().get().equals("A"));
    takeAndWait("C");
    assertEquals("A[B,C[*]]", TreeShape.of(model.tree().get()));

    takeAndWait("D");
    assertEquals("A[B,C[D[*]]]", TreeShape.of(model.tree().get()));
    SnapshotRow c = model.rows().stream().filter(r -> r.tag().equals("C")).findFirst()
        .orElseThrow();
    model.delete(c);
    model.commitDelete();
    // D now hangs from C's parent, once the store has re-parented it.
    await("D under A", () -> TreeShape.of(model.tree().get()).equals("A[B,D[*]]"));
    assertFalse(stored("C"));
    assertEquals(List.of(), errors);
  }

  @Test
  void renameShowsTheNewNameAndATakenNameIsAClearError() throws Exception {
    takeAndWait("first");
    takeAndWait("second");
    model.rename(model.rows().get(0), "before-upgrade");
    await("the new name", () -> model.rows().get(0).tag().equals("before-upgrade"));
    model.rename(model.rows().get(1), "before-upgrade");
    await("the error", () -> !errors.isEmpty());
    assertEquals("A snapshot named 'before-upgrade' already exists", errors.get(0));
    assertEquals("second", model.rows().get(1).tag());
  }

  @Test
  void saveThenRestoreKeepsTheCurrentStateAsASnapshot() throws Exception {
    takeAndWait("old");
    model.saveThenRestore("kept-state", model.rows().get(0));
    await("the restore", () -> notices.stream().anyMatch(n -> n.contains("'old' restored")));
    // The saved state hangs from "old", and the restored state comes from "old" again.
    await("the tree", () -> TreeShape.of(model.tree().get()).equals("old[kept-state,*]"));
    assertEquals("old", model.current().get());
    assertEquals(List.of(), errors);
  }

  @Test
  void anUnknownTagRestoreIsAClearErrorAndChangesNothing() throws Exception {
    SnapshotRow ghost = SnapshotRow.of(new dev.cairn.migration.snapshot.SnapshotInfo(9, "ghost",
        "snapshot-9.cvm", 0, 0, 0, 0));
    model.restore(ghost);
    await("the error", () -> !errors.isEmpty());
    assertTrue(errors.get(0).contains("'ghost' does not exist"), errors.toString());
    assertEquals(RunState.RUNNING, vm.runState());
  }
}
