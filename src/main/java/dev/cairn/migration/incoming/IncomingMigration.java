package dev.cairn.migration.incoming;

import dev.cairn.machine.Machine;
import dev.cairn.machine.RunState;
import dev.cairn.migration.VmStateStream;
import dev.cairn.migration.controller.MigrationException;
import dev.cairn.migration.controller.MigrationInfo;
import dev.cairn.migration.controller.MigrationListener;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.migration.transport.IncomingChannel;
import dev.cairn.migration.transport.MigrationUri;
import dev.cairn.migration.stream.RecordType;
import dev.cairn.migration.stream.StreamReader;
import dev.cairn.migration.stream.StreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives one migration into a VM that has not started ({@code -incoming URI}, or {@code
 * -incoming defer} then {@code migrate_incoming URI}). The VM shows run state "inmigrate" while
 * it waits and loads; at the end it runs (or stays paused, for {@code -S}). If the stream is
 * refused or breaks off, the VM has a partial state and is never started: the owner discards it
 * (the command line exits with the reason, as QEMU does).
 *
 * <p>Reference: QEMU {@code migration/migration.c} (qmp_migrate_incoming, process_incoming_migration_co).
 */
public final class IncomingMigration {

  private final Machine machine;
  private final boolean autostart;
  private final CopyOnWriteArrayList<MigrationListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<MigrationInfo> done = new CompletableFuture<>();
  private volatile MigrationInfo info = MigrationInfo.NONE;
  private volatile IncomingChannel channel;
  private volatile long received;
  private boolean started;

  /**
   * @param machine a VM created but not started; marked "inmigrate" from now on
   * @param autostart run the guest once loaded; false leaves it paused ({@code -S})
   */
  public IncomingMigration(Machine machine, boolean autostart) {
    this.machine = machine;
    this.autostart = autostart;
    machine.markIncoming();
    Thread warmUp = new Thread(this::warmUp, "cairn-incoming-warm-up");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    warmUp.start();
  }

  /**
   * Writes and reads back an empty stream of this machine's shape. The first stream a JVM reads
   * pays for loading the stream and state-description classes (hundreds of ms on a busy host);
   * paid while waiting, it does not slow the source down when the real stream arrives.
   */
  private void warmUp() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      StreamWriter writer = new StreamWriter(bytes);
      writer.writeHeader();
      writer.beginConfiguration(VmStateStream.shapeOf(machine));
      writer.finish();
      StreamReader reader = new StreamReader(new ByteArrayInputStream(bytes.toByteArray()));
      reader.readHeader();
      while (reader.next().type() != RecordType.EOF) {
        // only reading
      }
    } catch (IOException | RuntimeException e) {
      // Only a warm-up: the real stream meets and reports whatever went wrong here.
    }
  }

  public void addListener(MigrationListener listener) {
    listeners.add(listener);
  }

  /** The latest snapshot: setup while listening, active while loading, then the end. */
  public MigrationInfo info() {
    MigrationInfo now = info;
    return now.status() == MigrationStatus.ACTIVE ? withBytes(now) : now;
  }

  /** Completes with the final snapshot (completed or failed, with the reason); never exceptionally. */
  public CompletableFuture<MigrationInfo> completion() {
    return done;
  }

  /**
   * Listens on {@code uri} and receives on its own thread; returns once listening, with the
   * address actually bound (a {@code tcp:HOST:0} gets its port).
   *
   * @throws MigrationException for a malformed URI, an address that cannot be listened on, or a
   *     second call
   */
  public synchronized MigrationUri listen(String uri) throws MigrationException {
    if (started) {
      throw new MigrationException("The incoming migration has already been started");
    }
    try {
      channel = IncomingChannel.open(MigrationUri.parse(uri));
    } catch (IOException e) {
      throw new MigrationException(e.getMessage());
    }
    started = true;
    publish(MigrationInfo.NONE.withStatus(MigrationStatus.SETUP, null));
    Thread thread = new Thread(this::receive, "cairn-incoming");
    thread.setDaemon(true);
    thread.start();
    return channel.address();
  }

  /** Stops waiting or loading; the VM is never started. */
  public void cancel() {
    IncomingChannel open = channel;
    if (open != null) {
      open.close();
    }
  }

  private void receive() {
    long start = System.nanoTime();
    try (IncomingChannel in = channel) {
      InputStream stream = new Counting(in.accept());
      start = System.nanoTime();
      publish(info.withStatus(MigrationStatus.ACTIVE, null));
      VmStateStream.loadIncoming(machine, stream);
      MigrationInfo end = timed(withBytes(info), start).withStatus(MigrationStatus.COMPLETED,
          null);
      if (machine.runState() == RunState.INMIGRATE) {
        if (autostart) {
          machine.start();
        } else {
          machine.startPaused();
        }
      }
      publish(end);
      done.complete(end);
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      MigrationInfo end = timed(withBytes(info), start).withStatus(MigrationStatus.FAILED,
          "load of migration failed: " + reason);
      publish(end);
      done.complete(end);
    }
  }

  private MigrationInfo withBytes(MigrationInfo base) {
    return new MigrationInfo(base.status(), base.totalTimeMillis(), 0, 0, 0, received, 0,
        machine.ram().size(), 0, 0, 0, 0, 0, 0, base.errorDescription(), null);
  }

  private static MigrationInfo timed(MigrationInfo base, long start) {
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new MigrationInfo(base.status(), millis, 0, 0, 0, base.transferredBytes(), 0,
        base.totalBytes(), 0, 0, 0, 0,
        millis == 0 ? 0 : base.transferredBytes() * 8.0 / millis / 1e3, 0,
        base.errorDescription(), null);
  }

  private void publish(MigrationInfo next) {
    info = next;
    for (MigrationListener listener : listeners) {
      listener.statusChanged(next);
    }
  }

  /** Counts the bytes read, for {@code info migrate} on the destination. */
  private final class Counting extends FilterInputStream {
    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        received++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        received += n;
      }
      return n;
    }
  }
}
