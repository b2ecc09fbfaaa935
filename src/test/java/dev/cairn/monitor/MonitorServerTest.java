package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class MonitorServerTest {

  private final FakeTarget target = new FakeTarget();
  private final Monitor monitor = new Monitor(target);

  /** Reads until the text read so far ends with {@code end}. */
  private static String readUntil(InputStream in, String end) throws IOException {
    StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after: " + text);
      }
      text.append((char) b);
    }
    return text.toString();
  }

  private static void converse(SocketChannel channel) throws IOException {
    InputStream in = Channels.newInputStream(channel);
    String greeting = readUntil(in, "(qemu) ");
    assertEquals("Cairn 0.1.0 monitor - type 'help' for more information\r\n(qemu) ", greeting);
    channel.write(ByteBuffer.wrap("info status\r\n".getBytes(StandardCharsets.US_ASCII)));
    String answer = readUntil(in, "(qemu) ");
    assertEquals("info status\r\nVM status: running\r\n(qemu) ", answer);
    channel.write(ByteBuffer.wrap("stop\n".getBytes(StandardCharsets.US_ASCII)));
    readUntil(in, "(qemu) ");
  }

  @Test
  void aTcpClientGetsTheBannerAndAnswers() throws Exception {
    try (MonitorServer server = MonitorServer.tcp(monitor, "127.0.0.1", 0)) {
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
        converse(channel);
      }
    }
    assertTrue(target.calls.contains("stop"));
  }

  @Test
  void aUnixSocketClientGetsTheBannerAndAnswersAndTheSocketIsRemovedAtClose(@TempDir Path dir)
      throws Exception {
    Path path = dir.resolve("monitor.sock");
    try (MonitorServer server = MonitorServer.unix(monitor, path)) {
      try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        channel.connect(UnixDomainSocketAddress.of(path));
        converse(channel);
      }
    }
    assertTrue(Files.notExists(path));
  }

  @Test
  void twoMonitorsServeAtOnce(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("m.sock");
    try (MonitorServer tcp = MonitorServer.tcp(monitor, "127.0.0.1", 0);
        MonitorServer unix = MonitorServer.unix(monitor, path);
        SocketChannel a =
            SocketChannel.open(
                new InetSocketAddress(
                    "127.0.0.1", ((InetSocketAddress) tcp.localAddress()).getPort()));
        SocketChannel b = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      b.connect(UnixDomainSocketAddress.of(path));
      InputStream inA = Channels.newInputStream(a);
      InputStream inB = Channels.newInputStream(b);
      readUntil(inA, "(qemu) ");
      readUntil(inB, "(qemu) ");
      a.write(ByteBuffer.wrap("stop\n".getBytes(StandardCharsets.US_ASCII)));
      readUntil(inA, "(qemu) ");
      b.write(ByteBuffer.wrap("info status\n".getBytes(StandardCharsets.US_ASCII)));
      assertTrue(readUntil(inB, "(qemu) ").contains("VM status: paused"));
    }
  }
}
