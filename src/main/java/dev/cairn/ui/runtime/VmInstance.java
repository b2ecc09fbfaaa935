package dev.cairn.ui.runtime;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.MachineConfigException;
import dev.cairn.machine.RunState;
import dev.cairn.migration.controller.MigrationController;
import dev.cairn.migration.controller.MigrationException;
import dev.cairn.migration.incoming.IncomingMigration;
import dev.cairn.migration.transport.MigrationUri;
import dev.cairn.migration.live.SaveProgress;
import dev.cairn.migration.snapshot.SnapshotException;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.migration.snapshot.SnapshotStore;
import dev.cairn.monitor.CommandTable;
import dev.cairn.monitor.MachineSnapshots;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorException;
import dev.cairn.monitor.MonitorTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One running (or paused, or shut down) VM of the GUI: the {@link Machine}, the human monitor on
 * it, its snapshot store and its serial output.
 *
 * <p>Methods that may wait for the vCPU ({@link #stop}, snapshots, loads) block their caller; the
 * GUI calls them through {@link #control()}, a single thread per VM, so requests run in the order
 * the user made them and the FX thread never waits. Counter reads ({@link #instructions()},
 * {@link #guestClockNanos()}) never block.
 */
public final class VmInstance implements MonitorTarget, AutoCloseable {

  /** The downtime a live snapshot aims for: QEMU's default downtime-limit. */
  public static final long DOWNTIME_LIMIT_MS = 300;

  private final Machine machine;
  private final SerialHub serial = new SerialHub();
  private final CommandTable commands;
  private final Monitor monitor;
  private final MachineSnapshots snapshots;
  private final ExecutorService control;
  private final MigrationController migration;
  private volatile IncomingMigration incoming;
  private final DirtyRateMeter dirtyRate;

  private VmInstance(String name, Machine machine, Path snapshotDir) {
    this.machine = machine;
    this.snapshots = new MachineSnapshots(machine, new SnapshotStore(snapshotDir));
    this.migration = new MigrationController(machine);
    this.dirtyRate = new DirtyRateMeter(machine.ram().dirtyLog());
    this.commands = GuiMonitorCommands.table(this);
    this.monitor = new Monitor(this, commands);
    this.control =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cairn-control-" + name);
              t.setDaemon(true);
              return t;
            });
    machine.setSerialSink(serial);
  }

  /**
   * Builds the machine (files are read now) without starting it.
   *
   * @throws MachineConfigException with a user-facing message naming the bad file
   */
  public static VmInstance create(String name, MachineConfig config, Path snapshotDir)
      throws MachineConfigException {
    return new VmInstance(name, Machine.create(config), snapshotDir);
  }

  public Machine machine() {
    return machine;
  }

  public Monitor monitor() {
    return monitor;
  }

  /** The monitor's command table (for completion in the Monitor tab). */
  public CommandTable monitorCommands() {
    return commands;
  }

  public SerialHub serial() {
    return serial;
  }

  public SnapshotStore snapshotStore() {
    return snapshots.store();
  }

  /** The single thread that runs this VM's blocking requests. */
  public ExecutorService control() {
    return control;
  }

  /** Listeners hear each run-state change on the thread that made it. */
  public void addStateListener(Consumer<RunState> listener) {
    machine.addStateListener(listener);
  }

  /** Instructions the hart has retired; read without stopping the vCPU, so a little stale. */
  public long instructions() {
    return machine.hart().instret();
  }

  /** The guest's virtual clock (what {@code info snapshots} calls VM CLOCK). */
  public long guestClockNanos() {
    return machine.clock().now() * 100;
  }

  /** The guest's dirty-page rate; sample it off the FX thread. */
  public DirtyRateMeter dirtyRate() {
    return dirtyRate;
  }

  public void sendSerialInput(byte[] bytes) {
    machine.sendSerialInput(bytes);
  }

  /**
   * Makes this not-yet-started VM wait for an incoming migration on {@code uri} (state
   * "inmigrate"); it runs once the stream is loaded. Returns once listening.
   *
   * @return the address actually bound (a port 0 gets its real port)
   * @throws MigrationException for an address that cannot be listened on
   */
  public synchronized MigrationUri receive(String uri) throws MigrationException {
    IncomingMigration in = new IncomingMigration(machine, true);
    incoming = in;
    return in.listen(uri);
  }

  /** The incoming migration started by {@link #receive}, if any. */
  public Optional<IncomingMigration> incoming() {
    return Optional.ofNullable(incoming);
  }

  /** Starts the vCPU of a new VM. */
  public synchronized void start() {
    machine.start();
  }

  // ---- MonitorTarget: the GUI and the monitor act through the same calls ----

  /** The outgoing migration ({@code migrate}, {@code info migrate} in the Monitor tab). */
  @Override
  public MigrationController migration() {
    return migration;
  }

  @Override
  public Optional<DisplaySurface> display() {
    return machine.display();
  }

  @Override
  public InputEvents input() {
    return machine.input();
  }

  @Override
  public RunState runState() {
    return machine.runState();
  }

  @Override
  public void stop() {
    machine.pause();
  }

  @Override
  public synchronized void cont() {
    if (machine.runState() == RunState.PRELAUNCH) {
      machine.start();
    } else {
      machine.resume();
    }
  }

  @Override
  public void reset() {
    machine.reset();
  }

  /** The board has no power button the guest listens to yet, so this powers off at once. */
  @Override
  public void powerDown() {
    machine.powerOff();
  }

  @Override
  public void quit() {
    machine.powerOff();
  }

  @Override
  public synchronized void savevm(String tag) throws MonitorException {
    snapshots.savevm(tag);
  }

  @Override
  public synchronized void loadvm(String tag) throws MonitorException {
    snapshots.loadvm(tag);
  }

  @Override
  public void delvm(String tag) throws MonitorException {
    snapshots.delvm(tag);
  }

  @Override
  public List<SnapshotInfo> snapshots() throws MonitorException {
    return snapshots.snapshots();
  }

  /**
   * Takes a live checkpoint: RAM is written while the guest runs, the guest pauses only for the
   * final pass. Blocks until done; interrupting the calling thread cancels it and leaves the
   * store as it was.
   */
  public synchronized SnapshotInfo saveLive(String tag, Consumer<SaveProgress> progress)
      throws SnapshotException {
    return snapshots.store().saveLive(machine, tag, DOWNTIME_LIMIT_MS, progress);
  }

  /** Restores snapshot {@code tag}; the VM keeps its run state and is unchanged on failure. */
  public synchronized void restore(String tag) throws SnapshotException {
    snapshots.store().load(machine, tag);
  }

  @Override
  public void close() {
    IncomingMigration in = incoming;
    if (in != null) {
      in.cancel();
    }
    control.shutdownNow();
    monitor.close();
    machine.close();
  }
}
