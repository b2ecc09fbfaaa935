package dev.cairn.migration.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;

/**
 * The destination end of a migration. A TCP channel listens from {@link #open} on, so the address
 * is taken (and a port of 0 resolved) before the source is told to start; {@link #accept()} then
 * waits for the one connection. {@code exec:} runs the command and reads its stdout; {@code
 * file:} reads the file.
 */
public abstract class IncomingChannel implements AutoCloseable {

  private static final int BUFFER_BYTES = 256 << 10;

  /**
   * Opens the channel: listens on the TCP address, or checks that the file exists.
   *
   * @throws MigrationTransportException naming the address and why it failed
   */
  public static IncomingChannel open(MigrationUri uri) throws MigrationTransportException {
    if (uri instanceof MigrationUri.Tcp tcp) {
      return new Tcp(tcp);
    } else if (uri instanceof MigrationUri.Exec exec) {
      return new Exec(exec);
    }
    return new FileChannel((MigrationUri.File) uri);
  }

  /** The address, with the port actually bound for {@code tcp:HOST:0}. */
  public abstract MigrationUri address();

  /**
   * Waits for the stream: the first TCP connection (later ones are refused), or at once.
   *
   * @throws IOException when the channel was closed meanwhile or the command cannot run
   */
  public abstract InputStream accept() throws IOException;

  /** Stops listening, ends the connection or the command; safe from any thread, repeatable. */
  @Override
  public abstract void close();

  @Override
  public String toString() {
    return address().toString();
  }

  private static final class Tcp extends IncomingChannel {
    private final ServerSocket server;
    private final MigrationUri.Tcp address;
    private volatile Socket connection;

    Tcp(MigrationUri.Tcp uri) throws MigrationTransportException {
      try {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(uri.host(), uri.port()), 1);
      } catch (IOException e) {
        throw new MigrationTransportException(
            "Failed to listen on '" + uri.host() + ":" + uri.port() + "': " + e.getMessage(), e);
      }
      address = new MigrationUri.Tcp(uri.host(), server.getLocalPort());
    }

    @Override
    public MigrationUri address() {
      return address;
    }

    @Override
    public InputStream accept() throws IOException {
      try {
        connection = server.accept();
      } finally {
        // One migration per channel, as in QEMU: nobody else may connect after the first.
        OutgoingChannel.closeQuietly(server);
      }
      return new BufferedInputStream(connection.getInputStream(), BUFFER_BYTES);
    }

    @Override
    public void close() {
      OutgoingChannel.closeQuietly(server);
      Socket socket = connection;
      if (socket != null) {
        OutgoingChannel.closeQuietly(socket);
      }
    }
  }

  private static final class Exec extends IncomingChannel {
    private final MigrationUri.Exec uri;
    private volatile Process process;

    Exec(MigrationUri.Exec uri) {
      this.uri = uri;
    }

    @Override
    public MigrationUri address() {
      return uri;
    }

    @Override
    public InputStream accept() throws IOException {
      try {
        process = new ProcessBuilder(List.of("/bin/sh", "-c", uri.command()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
      } catch (IOException e) {
        throw new MigrationTransportException(
            "cannot run '" + uri.command() + "': " + e.getMessage(), e);
      }
      return new BufferedInputStream(process.getInputStream(), BUFFER_BYTES);
    }

    @Override
    public void close() {
      Process running = process;
      if (running != null && running.isAlive()) {
        running.destroyForcibly();
      }
    }
  }

  private static final class FileChannel extends IncomingChannel {
    private final MigrationUri.File uri;
    private volatile InputStream in;

    FileChannel(MigrationUri.File uri) throws MigrationTransportException {
      this.uri = uri;
      if (!Files.isRegularFile(uri.path())) {
        throw new MigrationTransportException("'" + uri.path() + "' is not a readable file");
      }
    }

    @Override
    public MigrationUri address() {
      return uri;
    }

    @Override
    public InputStream accept() throws IOException {
      try {
        in = new BufferedInputStream(Files.newInputStream(uri.path()), BUFFER_BYTES);
      } catch (IOException e) {
        throw new MigrationTransportException(
            "cannot read '" + uri.path() + "': " + e.getMessage(), e);
      }
      return in;
    }

    @Override
    public void close() {
      InputStream stream = in;
      if (stream != null) {
        OutgoingChannel.closeQuietly(stream);
      }
    }
  }
}
