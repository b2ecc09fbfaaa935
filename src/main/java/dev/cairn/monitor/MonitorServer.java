package dev.cairn.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Serves a monitor on a listening socket, QEMU's {@code -monitor tcp:HOST:PORT,server,nowait} and
 * {@code -monitor unix:PATH,server,nowait}, and the same for {@code -qmp}. Each client gets its
 * own session and thread, so a client that blocks (or a command that waits) holds up no other.
 */
public final class MonitorServer implements AutoCloseable {

  private final Function<OutputStream, ClientSession> sessions;
  private final ServerSocketChannel server;
  private final Path unixPath;
  private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
  private final CountDownLatch firstClient = new CountDownLatch(1);
  private volatile boolean closed;

  private MonitorServer(
      Function<OutputStream, ClientSession> sessions, ServerSocketChannel server, Path unixPath) {
    this.sessions = sessions;
    this.server = server;
    this.unixPath = unixPath;
  }

  /** Listens on TCP; port 0 picks a free port (see {@link #localAddress()}). */
  public static MonitorServer tcp(Monitor monitor, String host, int port) throws IOException {
    return tcp(monitor::newSession, host, port);
  }

  /** Listens on TCP for clients of any protocol; {@code sessions} makes one per client. */
  public static MonitorServer tcp(
      Function<OutputStream, ClientSession> sessions, String host, int port) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.bind(new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port));
    return start(new MonitorServer(sessions, channel, null));
  }

  /** Listens on a Unix socket; an old socket file at {@code path} is replaced, as QEMU does. */
  public static MonitorServer unix(Monitor monitor, Path path) throws IOException {
    return unix(monitor::newSession, path);
  }

  /** Listens on a Unix socket for clients of any protocol; {@code sessions} makes one each. */
  public static MonitorServer unix(Function<OutputStream, ClientSession> sessions, Path path)
      throws IOException {
    Files.deleteIfExists(path);
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    channel.bind(UnixDomainSocketAddress.of(path));
    // Also when Ctrl-C ends the JVM without closing us: leave no stale socket file behind.
    path.toFile().deleteOnExit();
    return start(new MonitorServer(sessions, channel, path));
  }

  private static MonitorServer start(MonitorServer s) {
    Thread t = new Thread(s::acceptLoop, "monitor-accept " + s.describe());
    t.setDaemon(true);
    t.start();
    return s;
  }

  public SocketAddress localAddress() throws IOException {
    return server.getLocalAddress();
  }

  /** Blocks until a first client connects (QEMU's {@code server,wait}). */
  public void awaitFirstClient() throws InterruptedException {
    firstClient.await();
  }

  private String describe() {
    try {
      return String.valueOf(server.getLocalAddress());
    } catch (IOException e) {
      return "socket";
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel client = server.accept();
        clients.add(client);
        firstClient.countDown();
        Thread t = new Thread(() -> serve(client), "monitor-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("cairn: monitor " + describe() + " stopped: " + e.getMessage());
        }
        return;
      }
    }
  }

  private void serve(SocketChannel client) {
    ClientSession session = null;
    try (client) {
      OutputStream out = Channels.newOutputStream(client);
      session = sessions.apply(out);
      session.greet();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      while (session.isOpen() && client.read(buffer) >= 0) {
        session.receive(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
    } catch (IOException e) {
      // The client went away; nothing to tell anyone.
    } finally {
      clients.remove(client);
      if (session != null) {
        session.closed();
      }
    }
  }

  /** How many clients are connected now (tests check that dropped clients are let go). */
  public int clientCount() {
    return clients.size();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
      for (SocketChannel client : clients) {
        client.close();
      }
      if (unixPath != null) {
        Files.deleteIfExists(unixPath);
      }
    } catch (IOException e) {
      // Closing on the way out; there is no one left to report to.
    }
  }
}
