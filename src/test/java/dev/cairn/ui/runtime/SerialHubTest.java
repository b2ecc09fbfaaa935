package dev.cairn.ui.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SerialHubTest {

  private static void write(SerialHub hub, String text) {
    for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
      hub.write(b);
    }
    hub.flush();
  }

  @Test
  void aLateSubscriberGetsTheHistoryThenEveryNewChunkOnce() {
    SerialHub hub = new SerialHub();
    write(hub, "boot log\n");
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    hub.subscribe(seen::writeBytes);
    write(hub, "# ");
    assertEquals("boot log\n# ", seen.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void historyKeepsOnlyTheNewestBytes() {
    SerialHub hub = new SerialHub();
    String block = "x".repeat(SerialHub.HISTORY_BYTES);
    write(hub, block);
    write(hub, "tail");
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    hub.subscribe(seen::writeBytes);
    String history = seen.toString(StandardCharsets.US_ASCII);
    assertEquals(SerialHub.HISTORY_BYTES, history.length());
    assertEquals("tail", history.substring(history.length() - 4));
  }

  @Test
  void anUnsubscribedListenerHearsNothingMore() {
    SerialHub hub = new SerialHub();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    java.util.function.Consumer<byte[]> listener = seen::writeBytes;
    hub.subscribe(listener);
    write(hub, "a");
    hub.unsubscribe(listener);
    write(hub, "b");
    assertEquals("a", seen.toString(StandardCharsets.US_ASCII));
  }
}
