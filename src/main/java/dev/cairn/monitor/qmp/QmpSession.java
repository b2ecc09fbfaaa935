package dev.cairn.monitor.qmp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.monitor.ClientSession;
import dev.cairn.monitor.VmEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One QMP client: the greeting, then requests in and responses and events out, one JSON object
 * per line ending in CRLF, spaced like QEMU's ({@code {"return": {}}}).
 *
 * <p>Requests run on the thread that feeds {@link #receive}, one at a time and in order. Output
 * goes through a queue with its own writer thread, so an event raised on the vCPU thread never
 * waits for a slow client; a client that lets {@value #MAX_QUEUED} messages pile up is dropped.
 *
 * <p>Reference: QEMU {@code docs/interop/qmp-spec.rst} (greeting, negotiation, responses, events).
 */
public final class QmpSession implements ClientSession {

  static final int MAX_QUEUED = 4096;

  /** QEMU's spacing: {@code ": "} after names and {@code ", "} between members. */
  private static final ObjectWriter WRITER =
      Qmp.MAPPER.writer(
          new MinimalPrettyPrinter()
              .setSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                      .withObjectEntrySpacing(Separators.Spacing.AFTER)
                      .withArrayValueSpacing(Separators.Spacing.AFTER)));

  private final Qmp qmp;
  private final OutputStream out;
  private final QmpDispatcher dispatcher;
  private final QmpDispatcher.Negotiation negotiation = new QmpDispatcher.Negotiation();
  private final JsonStreamReader reader;
  private final Consumer<VmEvent> events = this::event;
  private final ThreadPoolExecutor writer;
  private volatile boolean broken;

  QmpSession(Qmp qmp, OutputStream out) {
    this.qmp = qmp;
    this.out = out;
    this.dispatcher = new QmpDispatcher(qmp);
    this.reader = new JsonStreamReader(Qmp.MAPPER, new JsonStreamReader.Sink() {
      @Override
      public void value(JsonNode value) {
        java.util.List<Runnable> afterReply = new java.util.ArrayList<>();
        send(dispatcher.answer(value, negotiation, afterReply));
        afterReply.forEach(Runnable::run);
      }

      @Override
      public void error(String message) {
        ObjectNode response = Qmp.MAPPER.createObjectNode();
        response.set("error", QmpDispatcher.error(QmpError.GENERIC, message));
        send(response);
      }
    });
    this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
          Thread t = new Thread(r, "qmp-out");
          t.setDaemon(true);
          return t;
        });
  }

  /** Sends the greeting; events flow once the client has negotiated capabilities. */
  @Override
  public void greet() {
    ObjectNode greeting = Qmp.MAPPER.createObjectNode();
    ObjectNode qmpMember = greeting.putObject("QMP");
    qmpMember.set("version", StandardQmpCommands.version());
    qmpMember.putArray("capabilities");
    send(greeting);
    qmp.addListener(events);
    qmp.opened(this);
  }

  @Override
  public synchronized void receive(byte[] data, int offset, int length) {
    if (!broken) {
      reader.feed(data, offset, length);
    }
  }

  @Override
  public boolean isOpen() {
    return !broken;
  }

  @Override
  public void closed() {
    broken = true;
    qmp.removeListener(events);
    qmp.closed(this);
    writer.shutdownNow();
  }

  /**
   * Writes out everything queued (waiting at most {@code millis}) and accepts nothing more; for
   * the VM's end, so a client hears {@code SHUTDOWN} before the process exits.
   */
  void drain(long millis) {
    writer.shutdown();
    try {
      writer.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void event(VmEvent event) {
    if (!negotiation.done) {
      return;
    }
    ObjectNode message = Qmp.MAPPER.createObjectNode();
    ObjectNode timestamp = message.putObject("timestamp");
    timestamp.put("seconds", event.epochMicros() / 1_000_000);
    timestamp.put("microseconds", event.epochMicros() % 1_000_000);
    message.put("event", event.name());
    if (!event.data().isEmpty()) {
      message.set("data", Qmp.MAPPER.valueToTree(event.data()));
    }
    send(message);
  }

  private void send(ObjectNode message) {
    if (broken) {
      return;
    }
    byte[] bytes;
    try {
      bytes = (WRITER.writeValueAsString(message) + "\r\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a QMP message could not be written as JSON", e);
    }
    try {
      writer.execute(() -> write(bytes));
    } catch (RejectedExecutionException e) {
      // The client reads too slowly (or is gone): drop it rather than hold messages forever.
      broken = true;
      try {
        out.close();
      } catch (IOException closing) {
        // Dropping it anyway.
      }
    }
  }

  private void write(byte[] bytes) {
    if (broken) {
      return;
    }
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      broken = true;
    }
  }
}
