package dev.cairn.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Await;
import dev.cairn.machine.RunState;
import dev.cairn.migration.CounterGuest;
import dev.cairn.migration.controller.MigrationInfo;
import dev.cairn.migration.controller.MigrationOptions;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.ui.UiThread;
import dev.cairn.ui.library.CairnDirs;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.library.VmLibrary;
import dev.cairn.ui.runtime.VmInstance;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receive VM on the main view model, without a screen: a stopped VM of the library waits on a
 * real TCP port, shows "inmigrate", and runs once a real migration arrives; a broken stream
 * leaves it stopped with the reason.
 */
class ReceiveVmTest {

  @TempDir Path dir;

  private final ExecutorService background = Executors.newCachedThreadPool();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private MainViewModel model;
  private VmEntry entry;
  private Path elf;

  @BeforeEach
  void library() throws Exception {
    elf = CounterGuest.build(dir, 400_000_000);
    VmLibrary library = new VmLibrary(new CairnDirs(dir.resolve("config"), dir.resolve("data")));
    library.save(new VmDefinition(VmLibrary.newId(), "counter", VmDefinition.TEMPLATE_CUSTOM, 64,
        null, elf.toString(), null, "", List.of(), 0, false));
    model = new MainViewModel(library, UiThread.DIRECT, background);
    model.setErrorHandler(errors::add);
    model.load();
    entry = model.vms().get(0);
    model.selected().set(entry);
  }

  @AfterEach
  void close() {
    model.shutdownAll();
    background.shutdownNow();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(Duration.ofSeconds(90), what, condition);
  }

  @Test
  void aStoppedVmWaitsInInmigrateOnTheActualPortAndRunsWhenTheStreamCompletes()
      throws Exception {
    model.receive(0);
    await("the VM to listen", () -> entry.incomingPort().get() > 0);
    int port = entry.incomingPort().get();
    assertEquals(RunState.INMIGRATE, entry.state().get());
    assertTrue(model.isReceiving().get());
    assertEquals("Waiting for an incoming migration on port " + port, entry.activity().get());
    assertEquals("Receiving (inmigrate)", VmEntry.describe(entry.state().get()));

    // The source is the same VM (same devices) running elsewhere.
    try (VmInstance source = VmInstance.create("source", entry.definition().get()
        .toMachineConfig(), dir.resolve("source-snapshots"))) {
      source.start();
      MigrationInfo sent = source.migration().start("tcp:127.0.0.1:" + port,
          MigrationOptions.DEFAULT).get();
      assertEquals(MigrationStatus.COMPLETED, sent.status(), sent.errorDescription());
      await("the received VM to run", () -> entry.state().get() == RunState.RUNNING
          || !errors.isEmpty());
    }
    // The VM runs before the completion is published: the wait ends just after.
    await("the wait to end", () -> entry.incomingPort().get() == 0);
    assertEquals("", entry.activity().get());
    assertEquals(RunState.RUNNING, entry.state().get());
    assertEquals(List.of(), errors);
    long before = entry.instance().get().instructions();
    await("the received guest to execute", () -> entry.instance().get().instructions() > before);
  }

  @Test
  void aBrokenIncomingStreamLeavesTheVmStoppedAndSaysWhy() throws Exception {
    model.receive(0);
    await("the VM to listen", () -> entry.incomingPort().get() > 0);
    try (Socket socket = new Socket("127.0.0.1", entry.incomingPort().get());
        OutputStream out = socket.getOutputStream()) {
      out.write("this is not a migration stream".getBytes(StandardCharsets.US_ASCII));
    }
    await("the failure", () -> !errors.isEmpty());
    assertTrue(errors.get(0).startsWith("Receiving 'counter' failed: load of migration failed"),
        errors.toString());
    assertTrue(entry.isOff(), String.valueOf(entry.state().get()));
    assertTrue(model.canStart().get());
  }

  @Test
  void stoppingTheWaitLeavesTheVmStopped() throws Exception {
    model.receive(0);
    await("the VM to listen", () -> entry.incomingPort().get() > 0);
    model.cancelReceive();
    await("the end of the wait", entry::isOff);
    assertEquals(List.of(), errors, "stopping on purpose is no error");
    assertTrue(model.canStart().get());
  }
}
