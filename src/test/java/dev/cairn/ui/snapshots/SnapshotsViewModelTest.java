package dev.cairn.ui.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
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
  void deleteRemovesItFromTheList() throws Exception {
    model.take("gone");
    await("the snapshot", () -> model.rows().size() == 1 && !model.busy().get());
    model.delete(model.rows().get(0));
    await("the list to empty", () -> model.rows().isEmpty());
    assertEquals(List.of(), errors);
    assertFalse(vm.snapshotStore().find("gone").isPresent());
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
