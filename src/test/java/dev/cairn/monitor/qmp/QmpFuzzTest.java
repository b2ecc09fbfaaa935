package dev.cairn.monitor.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.monitor.FakeTarget;
import dev.cairn.monitor.Monitor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random and malformed input for the QMP reader and dispatcher: byte soup, valid requests with
 * bytes flipped, dropped or cut at random chunk boundaries, and well-formed JSON trees of random
 * shape aimed at the real commands. No exception escapes, nothing hangs, every request gets an
 * object with {@code return} or {@code error}, and the reader recovers at the next line.
 * Seeded, so a failure replays exactly.
 */
class QmpFuzzTest {

  private static final List<String> REQUESTS = List.of(
      "{\"execute\": \"qmp_capabilities\"}",
      "{\"execute\": \"query-status\", \"id\": \"a1\"}",
      "{\"execute\": \"human-monitor-command\", \"arguments\": {\"command-line\": \"info status\"}}",
      "{\"execute\": \"snapshot-save\", \"arguments\": {\"job-id\": \"j\", \"tag\": \"t\","
          + " \"vmstate\": \"d\", \"devices\": [\"d\"]}}",
      "{\"execute\": \"job-dismiss\", \"arguments\": {\"id\": \"j\"}}",
      "[{\"a\": [1, 2.5e300, -0, true, null, \"\\u00e9\\ud83d\\ude00\"]}]");

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theReaderSurvivesAnyBytesAndRecoversAtTheNextLine(long seed) {
    Random random = new Random(seed);
    List<JsonNode> values = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    JsonStreamReader reader = new JsonStreamReader(Qmp.MAPPER, new JsonStreamReader.Sink() {
      @Override
      public void value(JsonNode value) {
        values.add(value);
      }

      @Override
      public void error(String message) {
        errors.add(message);
      }
    });
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int i = 0; i < 30; i++) {
        byte[] input = random.nextBoolean() ? soup(random) : mutated(random);
        feedInChunks(reader, input, random);
      }
      values.clear();
      // Whatever state it was left in, a newline and a request get through.
      feedInChunks(reader, "\"\n]}\n{\"execute\": \"query-status\"}\n"
          .getBytes(StandardCharsets.UTF_8), random);
    }, "seed " + seed);
    for (String error : errors) {
      assertTrue(error.startsWith("JSON "), error);
    }
    assertEquals("query-status", values.get(values.size() - 1).path("execute").asText(),
        "seed " + seed);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyRandomRequestGetsAReturnOrAnError(long seed) {
    Random random = new Random(seed);
    try (Monitor monitor = new Monitor(new FakeTarget()); Qmp qmp = new Qmp(monitor, null)) {
      QmpDispatcher dispatcher = new QmpDispatcher(qmp);
      QmpDispatcher.Negotiation negotiation = new QmpDispatcher.Negotiation();
      List<String> names = new ArrayList<>(qmp.commands().names());
      names.add("qmp_capabilities");
      names.add("no-such-command");
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        for (int i = 0; i < 50; i++) {
          JsonNode request = randomRequest(random, names);
          ObjectNode response = dispatcher.answer(request, negotiation);
          assertTrue(response.has("return") ^ response.has("error"), response.toString());
          if (response.has("error")) {
            assertTrue(response.at("/error/class").isTextual());
            assertTrue(response.at("/error/desc").isTextual());
          }
        }
      }, "seed " + seed);
    }
  }

  private static void feedInChunks(JsonStreamReader reader, byte[] input, Random random) {
    int at = 0;
    while (at < input.length) {
      int n = 1 + random.nextInt(input.length - at);
      reader.feed(input, at, n);
      at += n;
    }
  }

  private static byte[] soup(Random random) {
    byte[] bytes = new byte[random.nextInt(300)];
    random.nextBytes(bytes);
    String structural = "{}[]\":,\\ \n0-eE.tfn";
    for (int i = 0; i < bytes.length; i++) {
      if (random.nextInt(3) == 0) {
        bytes[i] = (byte) structural.charAt(random.nextInt(structural.length()));
      }
    }
    return bytes;
  }

  private static byte[] mutated(Random random) {
    byte[] bytes = (REQUESTS.get(random.nextInt(REQUESTS.size())) + (random.nextBoolean() ? "\n"
        : "")).getBytes(StandardCharsets.UTF_8);
    int edits = random.nextInt(4);
    for (int e = 0; e < edits && bytes.length > 0; e++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(3)) {
        case 0 -> bytes[at] = (byte) random.nextInt(256);
        case 1 -> bytes = java.util.Arrays.copyOf(bytes, at);
        default -> bytes[at] = (byte) "{}[]\",:".charAt(random.nextInt(7));
      }
    }
    return bytes;
  }

  private static JsonNode randomRequest(Random random, List<String> names) {
    if (random.nextInt(10) == 0) {
      return randomValue(random, 3);
    }
    ObjectNode request = Qmp.MAPPER.createObjectNode();
    request.put("execute", names.get(random.nextInt(names.size())));
    if (random.nextBoolean()) {
      ObjectNode args = request.putObject("arguments");
      for (String key : List.of("command-line", "job-id", "tag", "vmstate", "devices", "id",
          "enable", "cpu-index", "bogus")) {
        if (random.nextBoolean()) {
          args.set(key, randomValue(random, 2));
        }
      }
    }
    if (random.nextInt(5) == 0) {
      request.set("id", randomValue(random, 2));
    }
    if (random.nextInt(20) == 0) {
      request.put("stray", 1);
    }
    return request;
  }

  private static JsonNode randomValue(Random random, int depth) {
    switch (random.nextInt(depth > 0 ? 8 : 6)) {
      case 0:
        return Qmp.MAPPER.getNodeFactory().textNode(
            List.of("info status", "x /4x 0", "stop", "", "j", "oob", "savevm s", "é")
                .get(random.nextInt(8)));
      case 1:
        return Qmp.MAPPER.getNodeFactory().numberNode(random.nextLong());
      case 2:
        return Qmp.MAPPER.getNodeFactory().numberNode(random.nextDouble());
      case 3:
        return Qmp.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
      case 4:
        return Qmp.MAPPER.getNodeFactory().nullNode();
      case 5:
        return Qmp.MAPPER.getNodeFactory().textNode("d" + random.nextInt(3));
      case 6: {
        ArrayNode array = Qmp.MAPPER.createArrayNode();
        for (int i = random.nextInt(3); i > 0; i--) {
          array.add(randomValue(random, depth - 1));
        }
        return array;
      }
      default: {
        ObjectNode object = Qmp.MAPPER.createObjectNode();
        for (int i = random.nextInt(3); i > 0; i--) {
          object.set("k" + random.nextInt(3), randomValue(random, depth - 1));
        }
        return object;
      }
    }
  }
}
