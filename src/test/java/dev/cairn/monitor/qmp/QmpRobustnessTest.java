package dev.cairn.monitor.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.machine.RunState;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and bad clients get their error or are dropped; the VM and other clients go on. */
class QmpRobustnessTest {

  @TempDir Path dir;
  private QmpFixture vm;

  @BeforeEach
  void start() throws Exception {
    vm = new QmpFixture(dir);
  }

  @AfterEach
  void stop() {
    vm.close();
  }

  private static String desc(JsonNode response) {
    return response.at("/error/desc").textValue();
  }

  @Test
  void malformedJsonIsAnsweredOnceAndTheNextLineIsRead() throws Exception {
    try (QmpClient client = vm.client().negotiated()) {
      client.send("{\"execute\": \"query-status\", oops}");
      assertTrue(desc(client.next()).startsWith("JSON parse error, "));
      client.send("}}}]]");
      assertTrue(desc(client.next()).startsWith("JSON parse error, "));
      assertEquals("running",
          client.execute("{\"execute\": \"query-status\"}").at("/return/status").textValue());
    }
  }

  @Test
  void valuesMaySpanWritesAndShareThem() throws Exception {
    try (QmpClient client = vm.client().negotiated()) {
      client.sendBytes("{\"execute\": \"query-".getBytes(StandardCharsets.UTF_8));
      Thread.sleep(50);
      client.sendBytes("status\", \"id\": 1}{\"execute\": \"query-name\", \"id\": 2}\n"
          .getBytes(StandardCharsets.UTF_8));
      assertEquals(1, client.next().get("id").intValue());
      assertEquals(2, client.next().get("id").intValue());
    }
  }

  @Test
  void aHugeValueOrDeepNestingIsRefusedWithQemusLimitMessages() throws Exception {
    try (QmpClient client = vm.client().negotiated()) {
      client.send("{\"execute\": \"" + "x".repeat(JsonStreamReader.MAX_VALUE_BYTES + 10) + "\"}");
      assertEquals("JSON token size limit exceeded", desc(client.next()));
      client.send("[".repeat(JsonStreamReader.MAX_NESTING + 1));
      assertEquals("JSON nesting depth limit exceeded", desc(client.next()));
      assertEquals("running",
          client.execute("{\"execute\": \"query-status\"}").at("/return/status").textValue());
    }
  }

  @Test
  void theSizeLimitHoldsHoweverTheBytesAreChunked() {
    byte[] huge = ("{\"execute\": \"" + "x".repeat(JsonStreamReader.MAX_VALUE_BYTES) + "\"}\n")
        .getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {huge.length, 4096, 4093}) {
      List<String> heard = new ArrayList<>();
      JsonStreamReader reader = new JsonStreamReader(Qmp.MAPPER, new JsonStreamReader.Sink() {
        @Override
        public void value(JsonNode value) {
          heard.add("value");
        }

        @Override
        public void error(String message) {
          heard.add(message);
        }
      });
      for (int at = 0; at < huge.length; at += chunk) {
        reader.feed(huge, at, Math.min(chunk, huge.length - at));
      }
      assertEquals(List.of("JSON token size limit exceeded"), heard, "chunks of " + chunk);
    }
  }

  @Test
  void manyClientsAtOnceEachGetTheirOwnAnswers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        int n = i;
        answers.add(pool.submit(() -> {
          try (QmpClient c = vm.client().negotiated()) {
            return c.execute("{\"execute\": \"query-status\", \"id\": " + n + "}")
                .get("id").intValue();
          }
        }));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertEquals(i, answers.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void clientsThatLeaveMidRequestLeaveNoSessionOrThreadBehind() throws Exception {
    int threadsBefore = countThreads("qmp-out");
    for (int i = 0; i < 20; i++) {
      QmpClient c = vm.client().negotiated();
      c.sendBytes("{\"execute\": \"query-sta".getBytes(StandardCharsets.UTF_8));
      c.close();
    }
    waitFor(() -> vm.server.clientCount() == 0);
    waitFor(() -> countThreads("qmp-out") <= threadsBefore);
    vm.target.changeState(RunState.PAUSED); // events to nobody are no problem
    try (QmpClient c = vm.client().negotiated()) {
      assertEquals("paused",
          c.execute("{\"execute\": \"query-status\"}").at("/return/status").textValue());
    }
  }

  @Test
  void aClientThatNeverReadsIsDroppedAndTheVmDoesNotWaitForIt() throws Exception {
    try (SocketChannel lazy = SocketChannel.open(vm.server.localAddress());
        QmpClient good = vm.client().negotiated()) {
      lazy.write(ByteBuffer.wrap("{\"execute\": \"qmp_capabilities\"}\n"
          .getBytes(StandardCharsets.UTF_8)));
      waitFor(() -> vm.server.clientCount() == 2);
      for (int i = 0; i < 20_000 && vm.server.clientCount() == 2; i++) {
        vm.target.changeState(i % 2 == 0 ? RunState.PAUSED : RunState.RUNNING);
      }
      waitFor(() -> vm.server.clientCount() == 1);
      assertEquals("{\"return\":{}}", good.execute("{\"execute\": \"stop\"}").toString());
    }
  }

  private static int countThreads(String name) {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name) && t.isAlive()).count();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    assertTrue(condition.getAsBoolean(), "condition not met within 30 s");
  }
}
