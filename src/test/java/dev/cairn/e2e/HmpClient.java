package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.monitor.MonitorSession;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A human-monitor client on a Unix socket: type a line, get what it printed up to the prompt. */
final class HmpClient implements AutoCloseable {

  private final SocketChannel channel;
  private final StringBuilder received = new StringBuilder();

  HmpClient(Path socket) throws IOException {
    channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
  }

  /** Reads up to the first prompt (after the banner). */
  HmpClient greeted(Duration watchdog) throws IOException {
    readUntilPrompt(watchdog);
    return this;
  }

  /** Types one line; returns its output without the echo and the next prompt. */
  String type(String line, Duration watchdog) throws IOException {
    channel.write(ByteBuffer.wrap((line + "\r").getBytes(StandardCharsets.UTF_8)));
    String text = readUntilPrompt(watchdog);
    String echo = line + "\r\n";
    assertTrue(text.startsWith(echo), text);
    return text.substring(echo.length());
  }

  /** Types a line without waiting for its output (a command that suspends the monitor). */
  void send(String line) throws IOException {
    channel.write(ByteBuffer.wrap((line + "\r").getBytes(StandardCharsets.UTF_8)));
  }

  /** Waits for the next prompt; returns what came before it. */
  String awaitPrompt(Duration watchdog) throws IOException {
    return readUntilPrompt(watchdog);
  }

  private String readUntilPrompt(Duration watchdog) throws IOException {
    long deadline = System.nanoTime() + watchdog.toNanos();
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    int at;
    channel.configureBlocking(false);
    while ((at = received.indexOf(MonitorSession.PROMPT)) < 0) {
      assertTrue(System.nanoTime() < deadline, "no monitor prompt within "
          + watchdog.toSeconds() + " s; got: " + received);
      buffer.clear();
      int n = channel.read(buffer);
      if (n < 0) {
        throw new IOException("the monitor closed the connection; got: " + received);
      }
      if (n == 0) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
      received.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
    }
    String text = received.substring(0, at);
    received.delete(0, at + MonitorSession.PROMPT.length());
    return text;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
