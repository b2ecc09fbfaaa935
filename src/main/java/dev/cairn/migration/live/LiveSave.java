package dev.cairn.migration.live;

import dev.cairn.machine.Machine;
import dev.cairn.machine.RunState;
import dev.cairn.migration.VmStateStream;
import dev.cairn.migration.ram.RamSaver;
import dev.cairn.migration.stream.StreamWriter;
import dev.cairn.memory.GuestRam;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A save that runs while the guest runs: the RAM section is sent in passes over the dirty log
 * until what is left fits the downtime limit at the measured throughput (or a pass limit is hit),
 * then the VM is paused for the final pass and the device state, and resumed (or left stopped,
 * for migration). Runs on its own thread; progress goes to listeners; completion or failure
 * completes the returned future, never by blocking the caller; {@link #cancel()} leaves the VM
 * running and the stream unfinished.
 *
 * <p>Reference: QEMU {@code migration/migration.c} (migration_iteration_run,
 * migration_completion) and {@code migration/ram.c}.
 */
public final class LiveSave {

  /** How the save ends. */
  public enum AfterSave {
    /** A live checkpoint: the guest continues. */
    RESUME,
    /** Migration: the source stays stopped. */
    STAY_PAUSED
  }

  private static final int CHUNK_BYTES = VmStateStream.CHUNK_BYTES;
  private static final int MAX_PASSES = 30;

  private final Machine machine;
  private final OutputStream out;
  private final LivePolicy policy;
  private final AfterSave after;
  private final CopyOnWriteArrayList<Consumer<SaveProgress>> listeners =
      new CopyOnWriteArrayList<>();
  private final CompletableFuture<SaveProgress> done = new CompletableFuture<>();
  private final List<LiveSection> extraSections = new java.util.ArrayList<>();
  private final TransferMeter meter = new TransferMeter();
  private volatile boolean cancelled;
  private volatile boolean pausedGuest;
  private volatile SaveProgress last;
  private double dirtyPagesRate;
  private long setupMillis;

  /** A save that completes within {@value #MAX_PASSES} passes (a live checkpoint). */
  public LiveSave(Machine machine, OutputStream out, long downtimeLimitMillis, AfterSave after) {
    this(machine, out, LivePolicy.fixed(downtimeLimitMillis, MAX_PASSES), after);
  }

  /** A save steered by {@code policy} (a migration, whose parameters may change meanwhile). */
  public LiveSave(Machine machine, OutputStream out, LivePolicy policy, AfterSave after) {
    this.machine = machine;
    this.out = out;
    this.policy = policy;
    this.after = after;
  }

  /** Adds a live section saved alongside RAM, interleaved with it in every pass. */
  public void addLiveSection(LiveSection section) {
    extraSections.add(section);
  }

  public void addListener(Consumer<SaveProgress> listener) {
    listeners.add(listener);
  }

  /**
   * Whether the final pause stopped a running guest (so whoever ends the migration afterwards,
   * e.g. on a transport error at close, knows to resume it).
   */
  public boolean pausedGuest() {
    return pausedGuest;
  }

  /** The latest progress, or null before the first report. */
  public SaveProgress progress() {
    return last;
  }

  /** Starts the save thread; the future completes with the final progress or the failure. */
  public CompletableFuture<SaveProgress> start() {
    Thread thread = new Thread(this::run, "cairn-save");
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  /** Asks the save to stop at the next chunk; the VM keeps (or goes back to) running. */
  public void cancel() {
    cancelled = true;
  }

  /** The sections of the running save, RAM first; set when the save starts. */
  private volatile List<LiveSection> liveSections = List.of();

  private void run() {
    long started = System.nanoTime();
    RamSaver ram = new RamSaver(machine.ram());
    List<LiveSection> sections = new java.util.ArrayList<>();
    sections.add(new RamLiveSection(ram));
    sections.addAll(extraSections);
    liveSections = List.copyOf(sections);
    int[] ids = new int[sections.size()];
    boolean pausedHere = false;
    StreamWriter writer = null;
    try {
      report("setup", ram, null, 0, started, 0);
      writer = new StreamWriter(out);
      writer.writeHeader();
      writer.beginConfiguration(VmStateStream.shapeOf(machine));
      for (int i = 0; i < sections.size(); i++) {
        LiveSection section = sections.get(i);
        ids[i] = writer.startSection(section.name(), section.instance(), section.version(),
            section.setup());
      }
      setupMillis = (System.nanoTime() - started) / 1_000_000;
      report("active", ram, writer, 0, started, 0);
      double throughput = 0;
      long lastSync = System.nanoTime();
      for (int pass = 1; ; pass++) {
        long passBytes = 0;
        boolean more = true;
        while (more) {
          // One chunk of every live section in turn, so their records interleave.
          more = false;
          for (int i = 0; i < sections.size(); i++) {
            checkCancelled();
            long before = writer.bytesWritten();
            int length = sections.get(i).writeNextChunk(writer, ids[i], chunkBytes());
            if (length > 0) {
              out.flush(); // the meter and the rate limit count bytes on the wire, not in a buffer
              meter.sent(writer.bytesWritten() - before, policy.maxBytesPerSecond(),
                  () -> cancelled);
              passBytes += length;
              more = true;
            }
          }
          throughput = meter.bytesPerSecond();
          report("active", ram, writer, throughput, started, 0);
        }
        if (passBytes == 0) {
          Thread.sleep(5); // nothing was dirty: let the guest run before harvesting again
        }
        long pendingBytes = 0;
        for (LiveSection section : sections) {
          section.syncDirty();
          pendingBytes += section.pendingBytes();
        }
        long now = System.nanoTime();
        dirtyPagesRate = ram.pendingPages() * 1e9 / Math.max(now - lastSync, 1);
        lastSync = now;
        throughput = meter.bytesPerSecond();
        long expectedMillis = (long) (pendingBytes * 1000 / throughput);
        SaveProgress progress = report("active", ram, writer, throughput, started, 0);
        policy.passEnded(progress);
        int maxPasses = policy.maxPasses();
        if (expectedMillis <= policy.downtimeLimitMillis()
            || (maxPasses > 0 && pass >= maxPasses)) {
          break;
        }
      }
      checkCancelled();
      long pauseStart = System.nanoTime();
      pausedHere = machine.runState() == RunState.RUNNING;
      pausedGuest = pausedHere;
      machine.pause();
      machine.drives().flushAll(); // the disks must hold every write the saved RAM has seen
      report("device", ram, writer, throughput, started, 0);
      for (int i = 0; i < sections.size(); i++) {
        LiveSection section = sections.get(i);
        section.syncDirty();
        while (section.writeNextChunk(writer, ids[i], CHUNK_BYTES) > 0) {
          // each call wrote one PART
        }
        writer.endSection(ids[i], new byte[0]);
        section.finish();
      }
      VmStateStream.writeDeviceState(machine, writer);
      writer.finish();
      out.flush();
      long downtime = (System.nanoTime() - pauseStart) / 1_000_000;
      if (pausedHere && after == AfterSave.RESUME) {
        machine.resume();
      }
      SaveProgress result = report("completed", ram, writer, throughput, started, downtime);
      done.complete(result);
    } catch (Exception e) {
      for (LiveSection section : sections) {
        section.finish();
      }
      if (pausedHere) {
        machine.resume(); // a failed or cancelled save leaves the guest running
      }
      String status = cancelled ? "cancelled" : "failed";
      report(status, ram, writer, 0, started, 0);
      done.completeExceptionally(e);
    }
  }

  /**
   * Chunks of about a tenth of a second at a bandwidth limit (1 MiB at most, 4 KiB at least), so
   * a slow link still shows progress and hears a cancel promptly.
   */
  private int chunkBytes() {
    long limit = policy.maxBytesPerSecond();
    return limit <= 0 ? CHUNK_BYTES : (int) Math.max(4096, Math.min(CHUNK_BYTES, limit / 10));
  }

  private void checkCancelled() throws IOException {
    // Also called where a cancel would otherwise wait for a slow link to drain.
    if (cancelled) {
      throw new IOException("save cancelled");
    }
  }

  private SaveProgress report(String status, RamSaver ram, StreamWriter writer, double throughput,
      long started, long downtime) {
    long remaining = ram.pendingPages();
    // Every live section's pending bytes (the disks' too, in a storage migration), as the
    // convergence decision counts them: RAM alone would promise a pause the disks then stretch.
    long pendingBytes = 0;
    for (LiveSection section : liveSections) {
      pendingBytes += section.pendingBytes();
    }
    long expected = throughput <= 0 ? 0 : (long) (pendingBytes * 1000.0 / throughput);
    SaveProgress progress = new SaveProgress(status, ram.syncCount(), remaining,
        remaining * GuestRam.PAGE_SIZE, writer == null ? 0 : writer.bytesWritten(),
        ram.zeroPages(), ram.dataPages(), throughput, expected, downtime,
        (System.nanoTime() - started) / 1_000_000, setupMillis, (long) dirtyPagesRate,
        machine.ram().size());
    last = progress;
    for (Consumer<SaveProgress> listener : List.copyOf(listeners)) {
      listener.accept(progress);
    }
    return progress;
  }
}
