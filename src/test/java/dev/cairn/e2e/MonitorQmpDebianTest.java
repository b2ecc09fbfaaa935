package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.monitor.qmp.QmpClient;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both monitor faces against the real Debian guest in {@code cairn run}: two human monitors and
 * a QMP socket at once, stop/cont seen by {@code query-status}, savevm/loadvm round trips through
 * HMP and through QMP jobs, and QMP events arriving in the order things happened. One boot for
 * the class; the tests run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorQmpDebianTest {

  private static final Duration BOOT_WATCHDOG = Duration.ofSeconds(400);
  private static final Duration COMMAND_WATCHDOG = Duration.ofSeconds(120);

  private Path work;
  private CairnProcess cairn;
  private SerialConsole console;
  private HmpClient hmp;
  private HmpClient hmp2;
  private QmpClient qmp;

  @BeforeAll
  void bootWithTwoMonitorsAndQmp(@TempDir Path dir) throws Exception {
    work = dir;
    GuestImages images = GuestImagesFixture.images();
    Path qmpSocket = work.resolve("qmp.sock");
    cairn = CairnProcess.start(work, Map.of(),
        "run", "-nographic",
        "-kernel", images.kernel().toString(),
        "-initrd", images.initrd().toString(),
        "-bios", images.firmware().toString(),
        "-append", DebianRecipe.defaultKernelCommandLine(),
        "-snapshot-dir", work.resolve("snapshots").toString(),
        "-monitor", "unix:" + work.resolve("hmp.sock") + ",server,nowait",
        "-monitor", "unix:" + work.resolve("hmp2.sock") + ",server,nowait",
        "-qmp", "unix:" + qmpSocket + ",server,nowait");
    console = cairn.console();
    for (int i = 0; i < 600 && !Files.exists(qmpSocket); i++) {
      Thread.sleep(100);
    }
    qmp = new QmpClient(UnixDomainSocketAddress.of(qmpSocket)).negotiated();
    hmp = new HmpClient(work.resolve("hmp.sock")).greeted(COMMAND_WATCHDOG);
    hmp2 = new HmpClient(work.resolve("hmp2.sock")).greeted(COMMAND_WATCHDOG);
    console.awaitOutput(SerialConsole.PROMPT, BOOT_WATCHDOG);
    console.run("dmesg -n 1", COMMAND_WATCHDOG);
  }

  @AfterAll
  void end() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {qmp, hmp, hmp2, cairn}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private String status() throws Exception {
    return qmp.execute("{\"execute\": \"query-status\"}").at("/return/status").textValue();
  }

  /** Reads QMP messages until {@code last} arrives; returns the events' names (and jobs' states). */
  private List<String> eventsUntil(String last) throws Exception {
    List<String> seen = new ArrayList<>();
    while (!seen.contains(last)) {
      JsonNode message = qmp.next();
      if (message.has("event")) {
        String name = message.get("event").textValue();
        seen.add(switch (name) {
          case "JOB_STATUS_CHANGE" -> message.at("/data/status").textValue();
          case "MIGRATION" -> "MIGRATION:" + message.at("/data/status").textValue();
          default -> name;
        });
      }
    }
    return seen;
  }

  @Test
  @Order(1)
  void stopAndContChangeQueryStatusWhicheverMonitorAsks() throws Exception {
    assertEquals("running", status());
    qmp.send("{\"execute\": \"stop\"}");
    assertEquals("STOP", qmp.next().get("event").textValue());
    assertEquals("{\"return\":{}}", qmp.next().toString());
    assertEquals("paused", status());
    assertEquals("VM status: paused\r\n", hmp.type("info status", COMMAND_WATCHDOG));
    assertEquals("", hmp2.type("cont", COMMAND_WATCHDOG));
    assertEquals("RESUME", qmp.next().get("event").textValue());
    assertEquals("running", status());
    assertEquals("ok", console.run("echo ok", COMMAND_WATCHDOG), "the guest runs on");
  }

  @Test
  @Order(2)
  void theHumanMonitorLooksIntoTheRunningGuest() throws Exception {
    String registers = hmp.type("info registers", COMMAND_WATCHDOG);
    assertTrue(registers.startsWith("\r\nCPU#0\r\n pc       "), registers);
    assertTrue(registers.contains(" x2/sp    "), registers);
    String dump = hmp.type("x /2xw $pc", COMMAND_WATCHDOG);
    assertTrue(dump.matches("[0-9a-f]{16}: 0x[0-9a-f]{8} 0x[0-9a-f]{8}\r\n"), dump);
    String mtree = hmp.type("info mtree", COMMAND_WATCHDOG);
    assertTrue(mtree.contains("    0000000080000000-000000009fffffff (prio 0, ram): ram\r\n"),
        mtree);
  }

  @Test
  @Order(3)
  void savevmAndLoadvmRoundTripThroughHmpWithEventsOnQmp() throws Exception {
    console.run("echo before > /tmp/mark", COMMAND_WATCHDOG);
    assertEquals("", hmp.type("savevm hmp-snap", COMMAND_WATCHDOG));
    assertEquals(List.of("STOP", "RESUME"), eventsUntil("RESUME"), "the save paused the VM");
    console.run("echo after > /tmp/mark", COMMAND_WATCHDOG);
    assertEquals("after", console.run("cat /tmp/mark", COMMAND_WATCHDOG));
    assertEquals("", hmp.type("loadvm hmp-snap", COMMAND_WATCHDOG));
    assertEquals(List.of("STOP", "RESUME"), eventsUntil("RESUME"), "the load paused the VM");
    assertEquals("before", console.run("cat /tmp/mark", COMMAND_WATCHDOG));
    assertTrue(hmp2.type("info snapshots", COMMAND_WATCHDOG).contains("hmp-snap"));
  }

  @Test
  @Order(4)
  void snapshotJobsRoundTripThroughQmpWithEventsInOrder() throws Exception {
    console.run("echo qmp-before > /tmp/mark", COMMAND_WATCHDOG);
    qmp.send("{\"execute\": \"snapshot-save\", \"arguments\": {\"job-id\": \"save0\","
        + " \"tag\": \"qmp-snap\", \"vmstate\": \"vm\", \"devices\": []}}");
    List<String> save = eventsUntil("concluded");
    assertEquals(List.of("created", "running", "STOP", "RESUME", "waiting", "pending",
        "concluded"), save);
    JsonNode job = qmp.execute("{\"execute\": \"query-jobs\"}").at("/return/0");
    assertEquals("save0", job.get("id").textValue());
    assertFalse(job.has("error"), job.toString());
    console.run("echo qmp-after > /tmp/mark", COMMAND_WATCHDOG);
    qmp.send("{\"execute\": \"snapshot-load\", \"arguments\": {\"job-id\": \"load0\","
        + " \"tag\": \"qmp-snap\", \"vmstate\": \"vm\", \"devices\": []}}");
    eventsUntil("concluded");
    assertFalse(qmp.execute("{\"execute\": \"query-jobs\"}").at("/return/1").has("error"));
    assertEquals("qmp-before", console.run("cat /tmp/mark", COMMAND_WATCHDOG));
    String table = qmp.execute("{\"execute\": \"human-monitor-command\", \"arguments\":"
        + " {\"command-line\": \"info snapshots\"}}").get("return").textValue();
    assertTrue(table.contains("hmp-snap") && table.contains("qmp-snap"), table);
    for (String id : List.of("save0", "load0")) {
      assertEquals("{\"return\":{}}", qmp.execute(
          "{\"execute\": \"job-dismiss\", \"arguments\": {\"id\": \"" + id + "\"}}").toString());
    }
  }

  @Test
  @Order(5)
  void migrateWithoutDetachSuspendsOnlyItsOwnMonitorAndEventsArriveInOrder() throws Exception {
    qmp.execute("{\"execute\": \"migrate-set-capabilities\", \"arguments\": {\"capabilities\":"
        + " [{\"capability\": \"events\", \"state\": true}]}}");
    // Slow enough that the other monitors are asked while it runs.
    qmp.execute("{\"execute\": \"migrate-set-parameters\", \"arguments\":"
        + " {\"max-bandwidth\": 10000000}}");
    Path stream = work.resolve("migrated.stream");
    hmp.send("migrate file:" + stream);
    List<String> early = eventsUntil("MIGRATION:active");
    assertEquals("MIGRATION:setup", early.get(0), early.toString());
    assertEquals("VM status: running\r\n", hmp2.type("info status", COMMAND_WATCHDOG),
        "the other monitor is not suspended");
    assertEquals("active", qmp.execute("{\"execute\": \"query-migrate\"}")
        .at("/return/status").textValue(), "QMP answers while HMP waits");
    List<String> rest = eventsUntil("MIGRATION:completed");
    assertTrue(rest.indexOf("STOP") >= 0 && rest.indexOf("STOP") < rest.indexOf(
        "MIGRATION:completed"), rest.toString());
    String suspended = hmp.awaitPrompt(COMMAND_WATCHDOG);
    assertTrue(suspended.startsWith("migrate file:"), suspended);
    assertFalse(suspended.contains("Error"), suspended);
    assertEquals("postmigrate", status());
    assertTrue(Files.size(stream) > 0);
  }

  @Test
  @Order(6)
  void quitEndsTheVmWithAShutdownEvent() throws Exception {
    qmp.send("{\"execute\": \"quit\"}");
    List<String> seen = new ArrayList<>();
    JsonNode message;
    do {
      message = qmp.next();
      seen.add(message.has("event") ? message.get("event").textValue() : message.toString());
    } while (!seen.contains("SHUTDOWN"));
    assertEquals("{\"guest\":false,\"reason\":\"host-qmp-quit\"}", message.get("data").toString());
    assertEquals(0, cairn.awaitExit(COMMAND_WATCHDOG));
  }
}
