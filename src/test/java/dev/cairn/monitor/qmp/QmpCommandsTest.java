package dev.cairn.monitor.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.machine.RunState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QMP commands, their argument errors and their events, over a real socket. */
class QmpCommandsTest {

  @TempDir Path dir;
  private QmpFixture vm;
  private QmpClient client;

  @BeforeEach
  void connect() throws Exception {
    vm = new QmpFixture(dir);
    client = vm.client().negotiated();
  }

  @AfterEach
  void disconnect() throws Exception {
    client.close();
    vm.close();
  }

  private String error(String request) throws Exception {
    JsonNode response = client.execute(request);
    return response.at("/error/class").textValue() + ": " + response.at("/error/desc").textValue();
  }

  @Test
  void requestsOfTheWrongShapeAreRefusedAsQemuRefusesThem() throws Exception {
    assertEquals("GenericError: QMP input must be a JSON object", error("[1, 2]"));
    assertEquals("GenericError: QMP input must be a JSON object", error("42"));
    assertEquals("GenericError: QMP input lacks member 'execute'", error("{\"id\": 1}"));
    assertEquals("GenericError: QMP input member 'execute' must be a string",
        error("{\"execute\": 1}"));
    assertEquals("GenericError: QMP input member 'arguments' must be an object",
        error("{\"execute\": \"stop\", \"arguments\": []}"));
    assertEquals("GenericError: QMP input member 'foo' is unexpected",
        error("{\"execute\": \"stop\", \"foo\": 1}"));
    assertEquals("CommandNotFound: Capabilities negotiation is already complete, command ignored",
        error("{\"execute\": \"qmp_capabilities\"}"));
  }

  @Test
  void argumentsAreCheckedInSchemaOrderThenForStrangers() throws Exception {
    assertEquals("GenericError: Parameter 'command-line' is missing",
        error("{\"execute\": \"human-monitor-command\"}"));
    assertEquals("GenericError: Invalid parameter type for 'command-line', expected: string",
        error("{\"execute\": \"human-monitor-command\", \"arguments\": {\"command-line\": 5}}"));
    assertEquals("GenericError: Parameter 'bogus' is unexpected",
        error("{\"execute\": \"stop\", \"arguments\": {\"bogus\": true}}"));
    assertEquals("GenericError: Invalid parameter type for 'devices[1]', expected: string",
        error("{\"execute\": \"snapshot-save\", \"arguments\": {\"job-id\": \"j\", \"tag\": \"t\","
            + " \"vmstate\": \"disk0\", \"devices\": [\"disk0\", 3]}}"));
  }

  @Test
  void uint64ArgumentsAreCheckedWithQemusMessage() {
    QmpCommand command = QmpCommand.of("x", call -> null,
        QmpCommand.Param.required("downtime-limit", QmpType.UINT64));
    com.fasterxml.jackson.databind.node.ObjectNode args = Qmp.MAPPER.createObjectNode();
    args.put("downtime-limit", "x");
    QmpError e = org.junit.jupiter.api.Assertions.assertThrows(QmpError.class,
        () -> QmpDispatcher.checkArguments(command, args));
    assertEquals("Parameter 'downtime-limit' expects uint64", e.desc());
    args.put("downtime-limit", -1);
    assertThrows(command, args);
    args.put("downtime-limit", new java.math.BigInteger("18446744073709551615"));
    org.junit.jupiter.api.Assertions.assertDoesNotThrow(
        () -> QmpDispatcher.checkArguments(command, args));
  }

  private static void assertThrows(QmpCommand command,
      com.fasterxml.jackson.databind.node.ObjectNode args) {
    org.junit.jupiter.api.Assertions.assertThrows(QmpError.class,
        () -> QmpDispatcher.checkArguments(command, args));
  }

  @Test
  void enablingOobIsRefusedBecauseCairnOffersNoCapabilities() throws Exception {
    try (QmpClient fresh = vm.client()) {
      fresh.next();
      JsonNode r = fresh.execute(
          "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"oob\"]}}");
      assertEquals("Capability 'oob' not available", r.at("/error/desc").textValue());
      r = fresh.execute("{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": []}}");
      assertEquals("{\"return\":{}}", r.toString());
    }
  }

  @Test
  void queriesAnswerWithQemusMembers() throws Exception {
    assertEquals("{\"return\":{\"status\":\"running\",\"singlestep\":false,\"running\":true},"
        + "\"id\":{\"n\":[1]}}",
        client.execute("{\"execute\": \"query-status\", \"id\": {\"n\": [1]}}").toString());
    assertEquals("{\"return\":{\"name\":\"test-vm\"}}",
        client.execute("{\"execute\": \"query-name\"}").toString());
    assertEquals("{\"return\":{\"qemu\":{\"micro\":0,\"minor\":1,\"major\":0},"
        + "\"package\":\"Cairn 0.1.0\"}}",
        client.execute("{\"execute\": \"query-version\"}").toString());
    List<String> names = new ArrayList<>();
    client.execute("{\"execute\": \"query-commands\"}").get("return")
        .forEach(c -> names.add(c.get("name").textValue()));
    assertTrue(names.containsAll(List.of("qmp_capabilities", "query-status", "stop", "cont",
        "system_reset", "system_powerdown", "quit", "human-monitor-command", "snapshot-save",
        "snapshot-load", "snapshot-delete", "query-jobs", "job-dismiss", "query-name",
        "query-version", "query-commands", "migrate", "migrate_cancel", "migrate-incoming",
        "query-migrate", "migrate-set-parameters", "query-migrate-parameters",
        "migrate-set-capabilities", "query-migrate-capabilities")), names.toString());
  }

  @Test
  void stopContResetPowerdownAndQuitRaiseQemusEventsInOrder() throws Exception {
    client.send("{\"execute\": \"stop\"}");
    assertEquals("STOP", client.next().get("event").textValue());
    assertEquals("{\"return\":{}}", client.next().toString());
    assertEquals("paused", client.execute("{\"execute\": \"query-status\"}")
        .at("/return/status").textValue());
    client.send("{\"execute\": \"cont\"}");
    JsonNode resume = client.next();
    assertEquals("RESUME", resume.get("event").textValue());
    assertTrue(resume.at("/timestamp/seconds").asLong() > 1_700_000_000L, resume.toString());
    assertTrue(resume.at("/timestamp/microseconds").isIntegralNumber());
    assertEquals("{\"return\":{}}", client.next().toString());
    client.send("{\"execute\": \"system_reset\"}");
    assertEquals("{\"guest\":false,\"reason\":\"host-qmp-system-reset\"}",
        client.next().get("data").toString());
    client.next();
    client.send("{\"execute\": \"system_powerdown\"}");
    assertEquals("POWERDOWN", client.next().get("event").textValue());
    JsonNode shutdown = client.next();
    assertEquals("SHUTDOWN", shutdown.get("event").textValue());
    assertEquals("{\"guest\":false,\"reason\":\"host-qmp-quit\"}", shutdown.get("data").toString());
    assertEquals("{\"return\":{}}", client.next().toString());
    assertEquals("GenericError: Resetting the Virtual Machine is required",
        error("{\"execute\": \"cont\"}"));
  }

  @Test
  void aGuestShutdownIsReportedAsTheGuests() throws Exception {
    vm.target.changeState(RunState.SHUTDOWN);
    assertEquals("{\"guest\":true,\"reason\":\"guest-shutdown\"}", client.next().get("data")
        .toString());
  }

  @Test
  void humanMonitorCommandReturnsHmpTextWithCrlfAndHmpErrorsAsText() throws Exception {
    assertEquals("VM status: running\r\n", client.execute("{\"execute\": "
        + "\"human-monitor-command\", \"arguments\": {\"command-line\": \"info status\"}}")
        .get("return").textValue());
    assertEquals("unknown command: 'nope'\r\n", client.execute("{\"execute\": "
        + "\"human-monitor-command\", \"arguments\": {\"command-line\": \"nope\"}}")
        .get("return").textValue());
    vm.target.snapshotError = "Snapshot 'x' does not exist in one or more devices";
    assertEquals("Error: Snapshot 'x' does not exist in one or more devices\r\n",
        client.execute("{\"execute\": \"human-monitor-command\", \"arguments\": "
            + "{\"command-line\": \"loadvm x\"}}").get("return").textValue());
  }

  @Test
  void eventsReachEveryNegotiatedClientButNotOneStillNegotiating() throws Exception {
    try (QmpClient second = vm.client().negotiated(); QmpClient early = vm.client()) {
      early.next(); // greeting only
      vm.monitor.run("stop", new StringBuilder());
      assertEquals("STOP", client.next().get("event").textValue());
      assertEquals("STOP", second.next().get("event").textValue());
      assertEquals("CommandNotFound", early.execute("{\"execute\": \"query-status\"}")
          .at("/error/class").textValue(), "no event was queued before this answer");
    }
  }
}
