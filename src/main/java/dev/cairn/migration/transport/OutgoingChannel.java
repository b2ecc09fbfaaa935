package dev.cairn.migration.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The source end of a migration: a buffered stream to a TCP peer, a command's stdin or a file.
 * One thread writes; {@link #abort()} may come from any other thread and makes a write that is
 * blocked on a stalled peer fail at once (a cancel must not wait for the link).
 */
public abstract class OutgoingChannel implements AutoCloseable {

  private static final int BUFFER_BYTES = 256 << 10;
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private final String description;

  private OutgoingChannel(String description) {
    this.description = description;
  }

  /**
   * Opens the channel: connects, starts the command, or creates the file.
   *
   * @throws MigrationTransportException naming the address and why it failed
   */
  public static OutgoingChannel open(MigrationUri uri) throws MigrationTransportException {
    if (uri instanceof MigrationUri.Tcp tcp) {
      return new Tcp(tcp);
    } else if (uri instanceof MigrationUri.Exec exec) {
      return new Exec(exec);
    }
    return new FileChannel((MigrationUri.File) uri);
  }

  /** The stream to write to; buffered, so {@link #close()} or a flush sends the rest. */
  public abstract OutputStream stream();

  /** Breaks the channel from another thread; pending and later writes fail. */
  public abstract void abort();

  /**
   * Flushes and ends the stream. For {@code exec:} waits for the command to end.
   *
   * @throws IOException when the rest cannot be sent or the command fails
   */
  @Override
  public abstract void close() throws IOException;

  @Override
  public String toString() {
    return description;
  }

  private static final class Tcp extends OutgoingChannel {
    private final Socket socket;
    private final OutputStream out;

    Tcp(MigrationUri.Tcp uri) throws MigrationTransportException {
      super(uri.toString());
      socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(uri.host(), uri.port()), CONNECT_TIMEOUT_MS);
        out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
      } catch (IOException e) {
        closeQuietly(socket);
        throw new MigrationTransportException(
            "Failed to connect to '" + uri.host() + ":" + uri.port() + "': " + e.getMessage(), e);
      }
    }

    @Override
    public OutputStream stream() {
      return out;
    }

    @Override
    public void abort() {
      closeQuietly(socket);
    }

    @Override
    public void close() throws IOException {
      try {
        out.flush();
        socket.shutdownOutput();
      } finally {
        socket.close();
      }
    }
  }

  private static final class Exec extends OutgoingChannel {
    private final Process process;
    private final OutputStream out;
    private final String command;

    Exec(MigrationUri.Exec uri) throws MigrationTransportException {
      super(uri.toString());
      command = uri.command();
      try {
        process = new ProcessBuilder(List.of("/bin/sh", "-c", command))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
      } catch (IOException e) {
        throw new MigrationTransportException("cannot run '" + command + "': " + e.getMessage(), e);
      }
      out = new BufferedOutputStream(process.getOutputStream(), BUFFER_BYTES);
    }

    @Override
    public OutputStream stream() {
      return out;
    }

    @Override
    public void abort() {
      process.destroyForcibly();
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (IOException e) {
        process.destroyForcibly();
        throw e;
      }
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new MigrationTransportException("'" + command + "' did not end within 60 s");
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new MigrationTransportException("interrupted while waiting for '" + command + "'");
      }
      if (process.exitValue() != 0) {
        throw new MigrationTransportException(
            "'" + command + "' failed with exit status " + process.exitValue());
      }
    }
  }

  private static final class FileChannel extends OutgoingChannel {
    private final OutputStream raw;
    private final OutputStream out;

    FileChannel(MigrationUri.File uri) throws MigrationTransportException {
      super(uri.toString());
      try {
        raw = Files.newOutputStream(uri.path());
      } catch (IOException e) {
        throw new MigrationTransportException(
            "cannot write '" + uri.path() + "': " + e.getMessage(), e);
      }
      out = new BufferedOutputStream(raw, BUFFER_BYTES);
    }

    @Override
    public OutputStream stream() {
      return out;
    }

    @Override
    public void abort() {
      closeQuietly(raw);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Breaking a channel on purpose: its own error says nothing new.
    }
  }
}
