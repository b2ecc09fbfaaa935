package dev.cairn.monitor.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A QMP client over a real socket, as a test drives one: send raw text, take the next message
 * (response or event) with a timeout so a missing answer fails instead of hanging.
 */
public final class QmpClient implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SocketChannel channel;
  private final OutputStream out;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  public QmpClient(SocketAddress address) throws IOException {
    channel = SocketChannel.open(address);
    // Not Channels.newInputStream/newOutputStream: both lock the channel's blocking lock, so a
    // pending read would hold up every write.
    out = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    };
    java.io.InputStream raw = new java.io.InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return channel.read(java.nio.ByteBuffer.wrap(b, off, len));
      }
    };
    BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
    Thread pump = new Thread(() -> {
      try {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // Closed.
      }
      lines.add("<closed>");
    }, "qmp-test-client");
    pump.setDaemon(true);
    pump.start();
  }

  /** Sends text as is (a newline is added). */
  public void send(String text) throws IOException {
    out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Sends raw bytes. */
  public void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next line the server sent, raw; fails after 30 s. */
  public String nextLine() throws InterruptedException {
    String line = lines.poll(30, TimeUnit.SECONDS);
    assertNotNull(line, "no QMP message within 30 s");
    return line;
  }

  public JsonNode next() throws Exception {
    return MAPPER.readTree(nextLine());
  }

  /** The next message that is not an event. */
  public JsonNode nextResponse() throws Exception {
    JsonNode message;
    do {
      message = next();
    } while (message.has("event"));
    return message;
  }

  /** Sends a request and returns its response, skipping events. */
  public JsonNode execute(String request) throws Exception {
    send(request);
    return nextResponse();
  }

  /** Reads the greeting and negotiates capabilities. */
  public QmpClient negotiated() throws Exception {
    assertNotNull(next().get("QMP"));
    assertEquals("{\"return\":{}}", execute("{\"execute\": \"qmp_capabilities\"}").toString());
    return this;
  }

  /** Whether the server closed the connection (within 30 s). */
  public boolean closedByServer() throws InterruptedException {
    String line;
    while ((line = lines.poll(30, TimeUnit.SECONDS)) != null) {
      if (line.equals("<closed>")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
