package dev.cairn.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Await;
import dev.cairn.machine.RunState;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.monitor.CommandTable;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorCommand;
import dev.cairn.monitor.MonitorTarget;
import dev.cairn.monitor.Outcome;
import dev.cairn.monitor.StandardCommands;
import dev.cairn.ui.UiThread;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Monitor tab's view model against a real {@link Monitor}, without a screen. */
class MonitorViewModelTest {

  /** A VM that is simply running; the monitor's own commands act on it. */
  static final class RunningTarget implements MonitorTarget {
    volatile RunState state = RunState.RUNNING;

    @Override public RunState runState() { return state; }
    @Override public void stop() { state = RunState.PAUSED; }
    @Override public void cont() { state = RunState.RUNNING; }
    @Override public void reset() {}
    @Override public void powerDown() { state = RunState.SHUTDOWN; }
    @Override public void quit() { state = RunState.SHUTDOWN; }
    @Override public void savevm(String tag) {}
    @Override public void loadvm(String tag) {}
    @Override public void delvm(String tag) {}
    @Override public List<SnapshotInfo> snapshots() { return List.of(); }
  }

  /** The standard table plus {@code hold}, which suspends the monitor until the test says. */
  static CommandTable tableWithHold(AtomicReference<CompletableFuture<String>> pending) {
    return StandardCommands.table().with(MonitorCommand.suspending("hold", "", "wait for the test",
        call -> {
          CompletableFuture<String> done = new CompletableFuture<>();
          pending.set(done);
          return new Outcome.Pending(done, () -> "remaining 4096 pages (16 MiB), pass 3");
        }));
  }

  private final MonitorViewModel model = new MonitorViewModel(UiThread.DIRECT);
  private final RunningTarget target = new RunningTarget();
  private final AtomicReference<CompletableFuture<String>> pending = new AtomicReference<>();
  private final CommandTable table = tableWithHold(pending);
  private final Monitor monitor = new Monitor(target, table);

  @AfterEach
  void close() {
    model.close();
    monitor.close();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(Duration.ofSeconds(20), what, condition);
  }

  private void type(String line) {
    model.input().set(line);
    model.submit();
  }

  @Test
  void inputIsDisabledUntilAttachedThenShowsTheBannerAndPrompt() throws Exception {
    assertTrue(model.inputDisabled().get());
    model.attach(monitor, table);
    assertFalse(model.inputDisabled().get());
    await("the prompt", () -> model.transcript().get().endsWith("(qemu) "));
    assertTrue(model.transcript().get().contains("monitor - type 'help'"), model.transcript().get());
  }

  @Test
  void aCommandRunsAndItsOutputAppearsInTheTranscript() throws Exception {
    model.attach(monitor, table);
    type("info status");
    await("the answer", () -> model.transcript().get().contains("VM status: running\n(qemu) "));
    assertEquals("", model.input().get());
  }

  @Test
  void aSuspendingCommandDisablesInputShowsProgressAndResumesAtTheEnd() throws Exception {
    model.attach(monitor, table);
    type("hold");
    await("suspension", () -> model.suspended().get());
    assertTrue(model.inputDisabled().get(), "input must be greyed out while suspended");
    await("the progress line", () -> model.progressText().get().contains("remaining 4096 pages"));
    // Submitting while suspended is refused by the view model, not queued behind the user's back.
    type("info status");
    assertEquals("info status", model.input().get());

    pending.get().complete("held for the test");
    await("resumption", () -> !model.suspended().get());
    assertFalse(model.inputDisabled().get());
    assertEquals("", model.progressText().get());
    await("the completion text", () -> model.transcript().get().contains("held for the test\n"));
  }

  @Test
  void aFailedSuspendingCommandAlsoResumesAndSaysWhy() throws Exception {
    model.attach(monitor, table);
    type("hold");
    await("suspension", () -> model.suspended().get());
    pending.get().completeExceptionally(new IllegalStateException("peer went away"));
    await("resumption", () -> !model.suspended().get());
    await("the error", () -> model.transcript().get().contains("Error: peer went away"));
  }

  @Test
  void historyWalksBackAndForth() throws Exception {
    model.attach(monitor, table);
    type("info status");
    type("help info");
    model.historyUp();
    assertEquals("help info", model.input().get());
    model.historyUp();
    assertEquals("info status", model.input().get());
    model.historyUp();
    assertEquals("info status", model.input().get());
    model.historyDown();
    assertEquals("help info", model.input().get());
    model.historyDown();
    assertEquals("", model.input().get());
  }

  @Test
  void tabCompletesCommandsAndSubcommands() {
    model.attach(monitor, table);
    model.input().set("sys");
    model.complete();
    assertEquals("system_", model.input().get(), "two commands share the prefix");
    model.input().set("info sta");
    model.complete();
    assertEquals("info status ", model.input().get());
    model.input().set("loadv");
    model.complete();
    assertEquals("loadvm ", model.input().get());
  }

  @Test
  void detachDisablesInput() {
    model.attach(monitor, table);
    model.detach();
    assertTrue(model.inputDisabled().get());
  }
}
