package dev.cairn.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Await;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import dev.cairn.migration.CounterGuest;
import dev.cairn.migration.controller.MigrationInfo;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.migration.transport.MigrationUri;
import dev.cairn.ui.UiThread;
import dev.cairn.ui.runtime.VmInstance;
import java.net.ServerSocket;
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
 * The Migrate action's view model, without a screen, on real machines over loopback TCP: the
 * counter guest keeps dirtying memory on the source, a second machine in this JVM receives.
 */
class MigrationViewModelTest {

  @TempDir Path dir;

  private VmInstance source;
  private VmInstance destination;
  private final MigrationViewModel model = new MigrationViewModel(UiThread.DIRECT);
  private final List<MigrationStatus> statuses = new CopyOnWriteArrayList<>();
  private final List<String> details = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSource() throws Exception {
    Path elf = CounterGuest.build(dir, 400_000_000);
    MachineConfig config = new MachineConfig(64L << 20, null, elf, null, "", List.of(), false,
        false);
    source = VmInstance.create("source", config, dir.resolve("src-snapshots"));
    destination = VmInstance.create("destination", config, dir.resolve("dst-snapshots"));
    source.start();
    model.info().addListener((o, was, now) -> {
      if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != now.status()) {
        statuses.add(now.status());
      }
    });
    model.detailText().addListener((o, was, now) -> details.add(now));
  }

  @AfterEach
  void close() {
    source.close();
    destination.close();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(Duration.ofSeconds(90), what, condition);
  }

  private int listen() throws Exception {
    return ((MigrationUri.Tcp) destination.receive("tcp:127.0.0.1:0")).port();
  }

  @Test
  void aMigrationShowsItsPassesThenLeavesTheSourceInPostmigrateAndTheDestinationRunning()
      throws Exception {
    model.destination().set("127.0.0.1:" + listen());
    assertEquals("", model.problem());
    model.start(source);
    assertTrue(model.running().get());
    await("the end of the migration", () -> !model.running().get());
    assertEquals(MigrationStatus.COMPLETED, model.info().get().status(), model.result().get());
    assertTrue(statuses.contains(MigrationStatus.ACTIVE), statuses.toString());
    assertTrue(details.stream().anyMatch(d -> d.contains("dirty pages")), details.toString());
    assertTrue(model.result().get().startsWith("Migrated in"), model.result().get());
    assertEquals(1.0, model.remainingFraction().get());
    assertEquals(RunState.POSTMIGRATE, source.runState());
    MigrationInfo received = destination.incoming().orElseThrow().completion().get();
    assertEquals(MigrationStatus.COMPLETED, received.status());
    await("the destination to run", () -> destination.runState() == RunState.RUNNING);
  }

  @Test
  void cancellingASlowMigrationKeepsTheGuestRunning() throws Exception {
    model.destination().set("127.0.0.1:" + listen());
    model.maxBandwidth().set("8K"); // a slow link: 64 MiB of RAM cannot finish in time
    model.start(source);
    await("the first pass", () -> model.info().get().status() == MigrationStatus.ACTIVE);
    model.cancel(source);
    await("the end of the migration", () -> !model.running().get());
    assertEquals(MigrationStatus.CANCELLED, model.info().get().status());
    assertEquals("Migration cancelled; the VM keeps running here", model.result().get());
    assertEquals(RunState.RUNNING, source.runState());
    assertTrue(statuses.contains(MigrationStatus.CANCELLING), statuses.toString());
  }

  @Test
  void anUnreachableDestinationFailsWithTheReasonAndTheGuestRunsOn() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    model.destination().set("127.0.0.1:" + closedPort);
    model.start(source);
    await("the end of the migration", () -> !model.running().get());
    assertEquals(MigrationStatus.FAILED, model.info().get().status());
    assertTrue(model.result().get().startsWith("Migration failed: "), model.result().get());
    assertTrue(model.result().get().length() > "Migration failed: ; the VM keeps running here"
        .length(), model.result().get());
    assertEquals(RunState.RUNNING, source.runState());
  }

  @Test
  void speedIsInMebibytesOrOnASlowLinkKibibytesPerSecond() {
    assertEquals("10.0 MiB/s", MigrationViewModel.rate(10 * 1048576 * 8 / 1e6));
    assertEquals("24 KiB/s", MigrationViewModel.rate(24 * 1024 * 8 / 1e6));
  }

  @Test
  void theFormNamesWhatIsWrongAndDoesNotStart() {
    model.destination().set("no-port");
    assertTrue(model.problem().startsWith("Destination must be host:port"), model.problem());
    model.destination().set("host:99999");
    assertEquals("Port must be 1 to 65535", model.problem());
    model.destination().set("host:4444");
    model.maxBandwidth().set("fast");
    assertFalse(model.problem().isEmpty());
    model.maxBandwidth().set("");
    model.downtimeLimit().set("-5");
    assertFalse(model.problem().isEmpty());
    model.start(source);
    assertFalse(model.running().get());
    assertTrue(model.result().get().startsWith("Cannot migrate: "), model.result().get());
    assertEquals(MigrationStatus.NONE, source.migration().info().status());
    model.downtimeLimit().set("100");
    assertEquals("", model.problem());
  }
}
