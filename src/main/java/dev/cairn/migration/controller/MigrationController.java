package dev.cairn.migration.controller;

import dev.cairn.machine.Machine;
import dev.cairn.machine.RunState;
import dev.cairn.migration.StreamWarmup;
import dev.cairn.migration.disk.DiskSaver;
import dev.cairn.block.DriveRegistry;
import java.io.IOException;
import dev.cairn.migration.live.LivePolicy;
import dev.cairn.migration.live.LiveSave;
import dev.cairn.migration.live.SaveProgress;
import dev.cairn.migration.transport.MigrationUri;
import dev.cairn.migration.transport.OutgoingChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * Outgoing migration of one VM: opens the transport, runs a {@link LiveSave} into it while the
 * guest runs, and ends with the guest stopped here ("postmigrate") once everything was sent, or
 * running here as before when the migration failed or was cancelled. Thread-safe; one migration
 * at a time; the work runs on its own threads, never on the caller's.
 *
 * <p>Reference: QEMU {@code migration/migration.c} (qmp_migrate, migrate_fd_connect,
 * migration_thread, migrate_fd_cancel, migrate_set_state).
 */
public final class MigrationController {

  private final Machine machine;
  private final MigrationParameters parameters = new MigrationParameters();
  private final MigrationCapabilities capabilities = new MigrationCapabilities();
  private final CopyOnWriteArrayList<MigrationListener> listeners = new CopyOnWriteArrayList<>();
  private volatile MigrationInfo info = MigrationInfo.NONE;
  private Run current;

  public MigrationController(Machine machine) {
    this.machine = machine;
    StreamWarmup.startInBackground(machine);
  }

  public MigrationParameters parameters() {
    return parameters;
  }

  public MigrationCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Sets a capability ({@code auto-converge}).
   *
   * @throws MigrationException while a migration runs, or for an unknown name
   */
  public synchronized void setCapability(String name, boolean on) throws MigrationException {
    if (info.status().isRunning()) {
      throw new MigrationException("There's a migration process in progress");
    }
    capabilities.set(name, on);
  }

  public void addListener(MigrationListener listener) {
    listeners.add(listener);
  }

  public void removeListener(MigrationListener listener) {
    listeners.remove(listener);
  }

  /** The latest snapshot of the current or last migration ({@link MigrationInfo#NONE} before). */
  public MigrationInfo info() {
    return info;
  }

  /**
   * Starts migrating to {@code uri} ({@code tcp:HOST:PORT}, {@code exec:COMMAND}, {@code
   * file:PATH}). Returns at once; connecting happens on the migration thread, so an unreachable
   * peer ends as status failed with the reason.
   *
   * @return completes with the final snapshot (completed, failed or cancelled); never
   *     exceptionally
   * @throws MigrationException for a malformed URI, while another migration runs, or for options
   *     this build cannot do
   */
  public synchronized CompletableFuture<MigrationInfo> start(String uri, MigrationOptions options)
      throws MigrationException {
    if (info.status().isRunning()) {
      throw new MigrationException("There's a migration process in progress");
    }
    if (machine.runState() == RunState.INMIGRATE) {
      throw new MigrationException("Guest is waiting for an incoming migration");
    }
    MigrationUri address;
    try {
      address = MigrationUri.parse(uri);
    } catch (java.io.IOException e) {
      throw new MigrationException(e.getMessage());
    }
    Run run = new Run(address, options);
    current = run;
    publish(MigrationInfo.NONE.withStatus(MigrationStatus.SETUP, null), true);
    Thread thread = new Thread(run::execute, "cairn-migration");
    thread.setDaemon(true);
    thread.start();
    return run.done;
  }

  /**
   * Cancels the running migration: the guest goes on running here. Does nothing when no
   * migration runs, or once everything has been sent.
   */
  public synchronized void cancel() {
    Run run = current;
    if (run != null && info.status().isRunning() && info.status() != MigrationStatus.CANCELLING) {
      publish(info.withStatus(MigrationStatus.CANCELLING, null), true);
      run.cancel();
    }
  }

  private void publish(MigrationInfo next, boolean statusChanged) {
    synchronized (this) {
      if (info.status().isFinal() && next.status() != MigrationStatus.SETUP) {
        return; // a late progress report must not bring a finished migration back
      }
      if (info.status() == MigrationStatus.CANCELLING && !next.status().isFinal()) {
        next = next.withStatus(MigrationStatus.CANCELLING, null);
        statusChanged = false;
      }
      statusChanged |= next.status() != info.status();
      info = next;
    }
    for (MigrationListener listener : listeners) {
      if (statusChanged) {
        listener.statusChanged(next);
      } else {
        listener.progress(next);
      }
    }
  }

  /** One migration: its transport, its live save and its end. */
  private final class Run {
    private final MigrationUri address;
    private final CompletableFuture<MigrationInfo> done = new CompletableFuture<>();
    private final AutoConverge autoConverge = new AutoConverge(machine, parameters);
    private volatile boolean cancelled;
    private volatile OutgoingChannel channel;
    private volatile LiveSave save;
    private final java.util.List<DiskSaver> disks = new java.util.ArrayList<>();

    Run(MigrationUri address, MigrationOptions options) {
      this.address = address;
      if (options.blockMigration()) {
        // One live section per writable drive; read-only ones (CD-ROMs, shared bases) stay put.
        java.util.List<DriveRegistry.Drive> drives = machine.drives().drives();
        for (int i = 0; i < drives.size(); i++) {
          if (!drives.get(i).driver().readOnly()) {
            disks.add(new DiskSaver(i, drives.get(i)));
          }
        }
      }
    }

    void cancel() {
      cancelled = true;
      LiveSave running = save;
      if (running != null) {
        running.cancel();
      }
      OutgoingChannel open = channel;
      if (open != null) {
        open.abort(); // a write blocked on a stalled peer fails now instead of when it drains
      }
    }

    void execute() {
      long started = System.nanoTime();
      LiveSave live = null;
      try {
        channel = OutgoingChannel.open(address);
        if (cancelled) {
          throw new java.io.IOException("cancelled before the transport was open");
        }
        live = new LiveSave(machine, channel.stream(), policy(), LiveSave.AfterSave.STAY_PAUSED);
        live.addListener(this::onProgress);
        disks.forEach(live::addLiveSection);
        save = live;
        if (cancelled) {
          live.cancel();
        }
        SaveProgress last = live.start().get();
        channel.close();
        machine.markMigrated();
        machine.setThrottlePercent(0);
        finish(toInfo(last, MigrationStatus.COMPLETED, started));
      } catch (Exception e) {
        if (channel != null) {
          channel.abort();
        }
        machine.setThrottlePercent(0);
        if (live != null && live.pausedGuest() && machine.runState() != RunState.RUNNING) {
          machine.resume(); // everything was sent but the transport failed at its end
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null
            ? e.getCause() : e;
        SaveProgress last = live == null ? null : live.progress();
        MigrationInfo end = last == null ? info : toInfo(last, MigrationStatus.FAILED, started);
        if (cancelled) {
          finish(end.withStatus(MigrationStatus.CANCELLED, null));
        } else {
          finish(end.withStatus(MigrationStatus.FAILED, describe(cause)));
        }
      }
    }

    private void finish(MigrationInfo end) {
      synchronized (MigrationController.this) {
        if (current == this) {
          current = null;
        }
      }
      publish(end, true);
      done.complete(end);
    }

    private void onProgress(SaveProgress progress) {
      MigrationStatus status;
      switch (progress.status()) {
        case "setup":
          status = MigrationStatus.SETUP;
          break;
        case "device":
          status = MigrationStatus.DEVICE;
          break;
        case "active":
          status = MigrationStatus.ACTIVE;
          break;
        default:
          return; // completed, failed and cancelled are decided in execute()
      }
      publish(toInfo(progress, status, 0), false);
    }

    private LivePolicy policy() {
      return new LivePolicy() {
        @Override
        public long downtimeLimitMillis() {
          return parameters.downtimeLimitMillis();
        }

        @Override
        public long maxBytesPerSecond() {
          return parameters.maxBandwidth();
        }

        @Override
        public int maxPasses() {
          return 0; // as in QEMU: iterate until converged or cancelled (or let auto-converge help)
        }

        @Override
        public void passEnded(SaveProgress progress) {
          if (capabilities.autoConverge()) {
            autoConverge.passEnded(progress);
          }
        }
      };
    }

    private MigrationInfo toInfo(SaveProgress p, MigrationStatus status, long started) {
      double mbps = p.bytesPerSecond() * 8 / 1e6;
      long total = p.totalMillis();
      if (status == MigrationStatus.COMPLETED) {
        total = (System.nanoTime() - started) / 1_000_000;
        mbps = total == 0 ? 0 : p.transferredBytes() * 8.0 / total / 1e3;
      }
      MigrationInfo.DiskInfo disk = diskInfo();
      // As QEMU's "transferred ram", the disks' share of the stream counts apart.
      long ramBytes = p.transferredBytes() - (disk == null ? 0 : disk.transferredBytes());
      return new MigrationInfo(status, total, p.expectedDowntimeMillis(), p.downtimeMillis(),
          p.setupMillis(), ramBytes, p.remainingBytes(), p.totalRamBytes(),
          p.zeroPages(), p.normalPages(), p.dirtyPagesRate(), p.pass(), mbps,
          machine.throttlePercent(), null, disk);
    }

    /** The storage migration's counters, or null without {@code -b}. */
    private MigrationInfo.DiskInfo diskInfo() {
      if (disks.isEmpty()) {
        return null;
      }
      long sent = 0;
      long remaining = 0;
      long total = 0;
      for (DiskSaver disk : disks) {
        sent += disk.sentBytes();
        remaining += disk.pendingBytes();
        total += disk.totalBytes();
      }
      return new MigrationInfo.DiskInfo(sent, remaining, total);
    }

    private String describe(Throwable cause) {
      String message = cause.getMessage();
      return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
  }
}
