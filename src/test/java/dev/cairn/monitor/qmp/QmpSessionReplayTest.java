package dev.cairn.monitor.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.monitor.FakeTarget;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays a QMP conversation recorded from QEMU against Cairn over a real Unix socket and checks
 * that every answer has QEMU's JSON shape: the same members at every level, the same value types,
 * events before the response they belong to.
 */
class QmpSessionReplayTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /** Members (sorted) and value types, recursively; arrays by their kind only. */
  static Object shape(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> members = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        members.put(member.getKey(), shape(member.getValue()));
      }
      return members;
    }
    return node.getNodeType().toString();
  }

  private record Exchange(String request, List<JsonNode> expected) {}

  private static List<Exchange> script(List<JsonNode> greeting) throws Exception {
    List<Exchange> exchanges = new ArrayList<>();
    try (InputStream in = QmpSessionReplayTest.class.getResourceAsStream(
        "/qmp/qemu-doc-session.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.startsWith("-> ")) {
          exchanges.add(new Exchange(line.substring(3), new ArrayList<>()));
        } else if (line.startsWith("<- ")) {
          JsonNode answer = MAPPER.readTree(line.substring(3));
          (exchanges.isEmpty() ? greeting : exchanges.get(exchanges.size() - 1).expected())
              .add(answer);
        }
      }
    }
    return exchanges;
  }

  @Test
  void aSessionRecordedFromQemuIsAnsweredWithTheSameShapes() throws Exception {
    List<JsonNode> greeting = new ArrayList<>();
    List<Exchange> exchanges = script(greeting);
    assertEquals(8, exchanges.size(), "the script was read");
    FakeTarget target = new FakeTarget();
    try (Monitor monitor = new Monitor(target);
        Qmp qmp = new Qmp(monitor, null);
        MonitorServer server = MonitorServer.unix(qmp::newSession, dir.resolve("qmp.sock"));
        QmpClient client = new QmpClient(server.localAddress())) {
      JsonNode hello = client.next();
      assertEquals(shape(greeting.get(0)), shape(hello), hello.toString());
      assertEquals("Cairn 0.1.0", hello.at("/QMP/version/package").textValue());
      for (Exchange exchange : exchanges) {
        client.send(exchange.request());
        for (JsonNode expected : exchange.expected()) {
          JsonNode actual = client.next();
          while (actual.has("event") && !expected.has("event")) {
            actual = client.next(); // an event QEMU's VM (not running then) had no cause for
          }
          assertEquals(shape(expected), shape(actual),
              exchange.request() + "\n expected like " + expected + "\n got " + actual);
          if (expected.has("error")) {
            assertEquals(expected.at("/error/class"), actual.at("/error/class"));
            if (!expected.at("/error/desc").textValue().startsWith("JSON parse error")) {
              assertEquals(expected.at("/error/desc"), actual.at("/error/desc"));
            }
          }
          if (expected.has("event")) {
            assertEquals(expected.get("event"), actual.get("event"));
          }
          if (expected.has("id")) {
            assertEquals(expected.get("id"), actual.get("id"));
          }
        }
      }
      assertTrue(client.execute("{\"execute\": \"query-status\"}").at("/return/running")
          .booleanValue(), "the session goes on after the errors");
    }
  }
}
