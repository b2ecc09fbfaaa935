package dev.cairn.monitor.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.CounterGuest;
import dev.cairn.migration.controller.MigrationController;
import dev.cairn.migration.incoming.IncomingMigration;
import dev.cairn.monitor.FakeTarget;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration commands and events of QMP, over a real controller and a real (tiny) machine. */
class MigrationQmpTest {

  @TempDir static Path guestDir;
  private static Path counter;
  @TempDir Path dir;

  private Machine machine;
  private Monitor monitor;
  private Qmp qmp;
  private MonitorServer server;
  private QmpClient client;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(guestDir);
  }

  @BeforeEach
  void start() throws Exception {
    machine = Machine.create(new MachineConfig(16L << 20, null, counter, null, "", List.of(),
        false, true));
    MigrationController controller = new MigrationController(machine);
    FakeTarget target = new FakeTarget() {
      @Override
      public MigrationController migration() {
        return controller;
      }

      @Override
      public IncomingMigration incomingMigration() {
        return null;
      }
    };
    monitor = new Monitor(target);
    qmp = new Qmp(monitor, null);
    server = MonitorServer.unix(qmp::newSession, dir.resolve("qmp.sock"));
    client = new QmpClient(server.localAddress()).negotiated();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
    qmp.close();
    monitor.close();
    machine.close();
  }

  private String desc(String request) throws Exception {
    return client.execute(request).at("/error/desc").textValue();
  }

  @Test
  void parametersAreTypedAsQemusAndRefusedWholeWhenOneIsBad() throws Exception {
    assertEquals("Parameter 'downtime-limit' expects uint64", desc("{\"execute\": "
        + "\"migrate-set-parameters\", \"arguments\": {\"downtime-limit\": \"x\"}}"));
    assertEquals("{\"return\":{}}", client.execute("{\"execute\": \"migrate-set-parameters\","
        + " \"arguments\": {\"downtime-limit\": 100, \"max-bandwidth\": 100000000}}").toString());
    JsonNode values = client.execute("{\"execute\": \"query-migrate-parameters\"}").get("return");
    assertEquals(100, values.get("downtime-limit").intValue());
    assertEquals(100_000_000, values.get("max-bandwidth").intValue());
    assertTrue(desc("{\"execute\": \"migrate-set-parameters\", \"arguments\": "
        + "{\"downtime-limit\": 200, \"max-cpu-throttle\": 100}}").contains("max-cpu-throttle"));
    assertEquals(100, client.execute("{\"execute\": \"query-migrate-parameters\"}")
        .at("/return/downtime-limit").intValue(), "nothing of a refused call was applied");
  }

  @Test
  void capabilitiesListQemusNamesAndCheckEachEntry() throws Exception {
    assertEquals("{\"return\":{}}", client.execute("{\"execute\": \"migrate-set-capabilities\","
        + " \"arguments\": {\"capabilities\": [{\"capability\": \"events\", \"state\": true}]}}")
        .toString());
    JsonNode list = client.execute("{\"execute\": \"query-migrate-capabilities\"}").get("return");
    assertEquals(21, list.size());
    assertEquals("{\"state\":false,\"capability\":\"xbzrle\"}", list.get(0).toString());
    assertEquals("{\"state\":true,\"capability\":\"events\"}", list.get(5).toString());
    assertEquals("Invalid parameter type for 'capabilities[0].state', expected: boolean",
        desc("{\"execute\": \"migrate-set-capabilities\", \"arguments\": {\"capabilities\":"
            + " [{\"capability\": \"events\", \"state\": 1}]}}"));
    assertEquals("Parameter 'capabilities[1].capability' is missing",
        desc("{\"execute\": \"migrate-set-capabilities\", \"arguments\": {\"capabilities\":"
            + " [{\"capability\": \"events\", \"state\": false}, {\"state\": true}]}}"));
    assertTrue(desc("{\"execute\": \"migrate-set-capabilities\", \"arguments\": {\"capabilities\":"
        + " [{\"capability\": \"xbzrle\", \"state\": true}]}}").contains("xbzrle"));
  }

  @Test
  void aMigrationToAFileReportsQemusEventsAndStatsShape() throws Exception {
    assertEquals("{}", client.execute("{\"execute\": \"query-migrate\"}").get("return")
        .toString(), "no migration yet");
    client.execute("{\"execute\": \"migrate-set-capabilities\", \"arguments\": {\"capabilities\":"
        + " [{\"capability\": \"events\", \"state\": true}]}}");
    machine.start();
    Path file = dir.resolve("vm.stream");
    client.send("{\"execute\": \"migrate\", \"arguments\": {\"uri\": \"file:" + file + "\"}}");
    List<String> seen = new ArrayList<>();
    while (!seen.contains("completed") && !seen.contains("failed")) {
      JsonNode m = client.next();
      if (m.has("event")) {
        seen.add(m.get("event").textValue().equals("MIGRATION")
            ? m.at("/data/status").textValue()
            : m.get("event").textValue() + (m.has("data") ? " " + m.at("/data/pass") : ""));
      } else {
        seen.add("return " + m.get("return"));
      }
    }
    assertEquals("setup", seen.get(0), seen.toString());
    assertTrue(seen.contains("return {}"), seen.toString());
    assertTrue(seen.contains("MIGRATION_PASS 1"), seen.toString());
    assertTrue(seen.indexOf("active") < seen.indexOf("completed"), seen.toString());
    assertTrue(Files.size(file) > 0);
    JsonNode done = client.execute("{\"execute\": \"query-migrate\"}").get("return");
    assertEquals("completed", done.get("status").textValue());
    // The members of QEMU 7.2's completed query-migrate (shared/reference/qemu-qmp-samples.txt).
    assertEquals(new TreeSet<>(Set.of("status", "setup-time", "downtime", "total-time", "ram")),
        names(done));
    assertEquals(new TreeSet<>(Set.of("total", "postcopy-requests", "dirty-sync-count",
        "multifd-bytes", "pages-per-second", "downtime-bytes", "page-size", "remaining",
        "postcopy-bytes", "mbps", "transferred", "dirty-sync-missed-zero-copy", "precopy-bytes",
        "duplicate", "dirty-pages-rate", "skipped", "normal-bytes", "normal")),
        names(done.get("ram")));
    assertEquals(0, done.at("/ram/remaining").longValue());
  }

  @Test
  void migrateIncomingWithoutIncomingSaysWhatQemuSays() throws Exception {
    assertEquals("'-incoming' was not specified on the command line",
        desc("{\"execute\": \"migrate-incoming\", \"arguments\": {\"uri\": \"tcp:127.0.0.1:0\"}}"));
  }

  private static TreeSet<String> names(JsonNode object) {
    TreeSet<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
