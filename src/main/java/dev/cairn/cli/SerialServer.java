package dev.cairn.cli;

import dev.cairn.hw.chr.CharSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The UART on a listening socket ({@code -serial tcp:HOST:PORT,server,nowait} or {@code
 * unix:PATH,...}). One client at a time, as in QEMU; the guest's output is dropped while no one is
 * connected.
 */
final class SerialServer implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Chardev chardev;
  private final Consumer<byte[]> input;
  private final CountDownLatch firstClient = new CountDownLatch(1);
  private final ByteBuffer pending = ByteBuffer.allocate(4096);
  private volatile SocketChannel client;
  private volatile boolean closed;

  private SerialServer(ServerSocketChannel server, Chardev chardev, Consumer<byte[]> input) {
    this.server = server;
    this.chardev = chardev;
    this.input = input;
  }

  /**
   * Listens and serves clients on a daemon thread.
   *
   * @param input takes the bytes a client sends (the UART's receive side)
   */
  static SerialServer listen(Chardev chardev, Consumer<byte[]> input) throws IOException {
    ServerSocketChannel channel;
    if (chardev.kind() == Chardev.Kind.UNIX) {
      Files.deleteIfExists(chardev.path());
      channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      channel.bind(UnixDomainSocketAddress.of(chardev.path()));
      chardev.path().toFile().deleteOnExit();
    } else {
      channel = ServerSocketChannel.open();
      String host = chardev.host().isEmpty() ? "0.0.0.0" : chardev.host();
      channel.bind(new InetSocketAddress(host, chardev.port()));
    }
    SerialServer s = new SerialServer(channel, chardev, input);
    Thread t = new Thread(s::serve, "serial-server");
    t.setDaemon(true);
    t.start();
    return s;
  }

  SocketAddress localAddress() throws IOException {
    return server.getLocalAddress();
  }

  void awaitFirstClient() throws InterruptedException {
    firstClient.await();
  }

  private void serve() {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    while (!closed) {
      try (SocketChannel accepted = server.accept()) {
        client = accepted;
        firstClient.countDown();
        while (accepted.read(buffer) >= 0) {
          input.accept(Arrays.copyOf(buffer.array(), buffer.position()));
          buffer.clear();
        }
      } catch (IOException e) {
        // The client left (or we are closing): wait for the next one.
      } finally {
        client = null;
      }
    }
  }

  /** The UART's sink: buffers the guest's bytes and sends them at each burst end or newline. */
  CharSink sink() {
    return new CharSink() {
      @Override
      public void write(byte b) {
        synchronized (pending) {
          pending.put(b);
          if (b == '\n' || !pending.hasRemaining()) {
            flush();
          }
        }
      }

      @Override
      public void flush() {
        synchronized (pending) {
          pending.flip();
          SocketChannel c = client;
          try {
            while (c != null && pending.hasRemaining()) {
              c.write(pending);
            }
          } catch (IOException e) {
            // The client is gone; its reader notices and waits for the next.
          }
          pending.clear();
        }
      }
    };
  }

  String describe() {
    return chardev.describe();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
      SocketChannel c = client;
      if (c != null) {
        c.close();
      }
      if (chardev.kind() == Chardev.Kind.UNIX) {
        Files.deleteIfExists(chardev.path());
      }
    } catch (IOException e) {
      // Closing on the way out; no one is left to tell.
    }
  }
}
