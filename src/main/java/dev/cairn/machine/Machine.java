package dev.cairn.machine;

import dev.cairn.block.DriveRegistry;
import dev.cairn.cpu.Hart;
import dev.cairn.cpu.HartState;
import dev.cairn.hw.chr.Uart16550State;
import dev.cairn.hw.intc.ClintState;
import dev.cairn.hw.intc.PlicState;
import dev.cairn.hw.rtc.GoldfishRtcState;
import dev.cairn.hw.virtio.VirtioBlk;
import dev.cairn.hw.virtio.VirtioBlkState;
import dev.cairn.hw.virtio.VirtioDevice;
import dev.cairn.hw.virtio.VirtioMmio;
import dev.cairn.hw.virtio.VirtioMmioState;
import dev.cairn.hw.virtio.VirtioRng;
import dev.cairn.hw.virtio.VirtioRngState;
import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.hw.virtio.VirtioGpu;
import dev.cairn.hw.virtio.VirtioGpuState;
import dev.cairn.hw.virtio.VirtioInput;
import dev.cairn.hw.virtio.VirtioInputState;
import java.util.Optional;
import dev.cairn.memory.GuestRam;
import dev.cairn.hw.chr.CharSink;
import dev.cairn.hw.misc.SifiveTest;
import dev.cairn.memory.PhysicalBus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A VM: the board built from a {@link MachineConfig}, its vCPU thread and its run state.
 *
 * <p>The vCPU thread runs the hart in batches. Between batches it advances the timers, runs work
 * other threads posted ({@link #post}), and obeys pause/reset/power-off requests; while the guest
 * waits for an interrupt (WFI) it sleeps until the next timer deadline or posted work. So machine
 * state is only ever touched by one thread, and {@link #pause()} returning means the vCPU stands
 * at a batch boundary.
 */
public final class Machine implements AutoCloseable {

  /** Instructions per batch: short enough for prompt pauses and timers, long enough to be cheap. */
  private static final int BATCH = 20_000;

  private final Board board;
  private final CopyOnWriteArrayList<Consumer<RunState>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Queue<Runnable> posted = new ArrayDeque<>();
  private RunState state = RunState.PRELAUNCH;
  /** The state the vCPU thread should move to at the next batch boundary, or null. */
  private RunState requested;
  private boolean resetRequested;
  private boolean vcpuParked = true;
  private int exitStatus;
  private Thread vcpu;
  private volatile String bootSummary;
  private volatile boolean noReboot;
  private final InputEvents input;
  /** Share of wall time the vCPU sleeps, 0..99 (auto-converge during migration). */
  private volatile int throttlePercent;
  /** Nanoseconds the vCPU ran since its last throttle sleep. */
  private long ranSinceThrottle;

  private Machine(MachineConfig config) throws MachineConfigException {
    this.board = new Board(config, this::onTestDevice);
    this.input = new MachineInput(this::post, board.keyboard, board.tablet);
    try {
      this.bootSummary = board.resetAndLoad().summary();
    } catch (MachineConfigException | RuntimeException e) {
      board.closeDrives();
      throw e;
    }
  }

  /**
   * Builds the board and loads firmware, kernel, initrd and device tree into RAM. Does not start.
   *
   * @throws MachineConfigException with a user-facing message if a file is missing, is not what it
   *     should be, or does not fit in RAM
   */
  public static Machine create(MachineConfig config) throws MachineConfigException {
    return new Machine(config);
  }

  public MachineConfig config() {
    return board.config;
  }

  /** Where the images were placed, for logs ("kernel at 0x80200000, ..."). */
  public String bootSummary() {
    return bootSummary;
  }

  public Hart hart() {
    return board.hart;
  }

  public PhysicalBus bus() {
    return board.bus;
  }

  public VirtualClock clock() {
    return board.clock;
  }

  /**
   * The machine's state in the order a savevm stream carries it after RAM: the hart, the clock,
   * then every device (virtio transports followed by the device behind each). Names and instances
   * are what the stream and {@code cairn stream inspect} show. Save and load with the vCPU
   * stopped ({@link #pause()}).
   */
  public List<StateSection<?>> stateSections() {
    List<StateSection<?>> sections = new ArrayList<>();
    sections.add(new StateSection<>("cpu", 0, HartState.DESCRIPTION, board.hart));
    // The clock comes before the devices whose postLoad reads it (CLINT, RTC).
    sections.add(new StateSection<>("clock", 0, VirtualClockState.DESCRIPTION, board.clock));
    sections.add(new StateSection<>("clint", 0, ClintState.DESCRIPTION, board.clint));
    sections.add(new StateSection<>("plic", 0, PlicState.DESCRIPTION, board.plic));
    sections.add(new StateSection<>("serial", 0, Uart16550State.DESCRIPTION, board.uart));
    sections.add(new StateSection<>("rtc", 0, GoldfishRtcState.DESCRIPTION, board.rtc));
    for (int slot = 0; slot < board.virtio.size(); slot++) {
      VirtioMmio transport = board.virtio.get(slot);
      sections.add(new StateSection<>("virtio-mmio", slot, VirtioMmioState.DESCRIPTION, transport));
      VirtioDevice device = transport.device();
      if (device instanceof VirtioBlk blk) {
        sections.add(new StateSection<>("virtio-blk", slot, VirtioBlkState.DESCRIPTION, blk));
      } else if (device instanceof VirtioRng rng) {
        sections.add(new StateSection<>("virtio-rng", slot, VirtioRngState.DESCRIPTION, rng));
      } else if (device instanceof VirtioGpu gpu) {
        sections.add(new StateSection<>("virtio-gpu", slot, VirtioGpuState.DESCRIPTION, gpu));
      } else if (device instanceof VirtioInput input) {
        sections.add(
            new StateSection<>("virtio-input", slot, VirtioInputState.DESCRIPTION, input));
      }
    }
    return sections;
  }

  /** Guest RAM, for the RAM section of the savevm stream. */
  /** The VM's open disks; {@code flushAll()} makes them durable. */
  public DriveRegistry drives() {
    return board.drives;
  }

  public GuestRam ram() {
    return board.ram;
  }

  /**
   * The screen of the virtio-gpu, if the VM has one. Consumers subscribe to it from any thread;
   * it survives resets and restores (the same object shows the new picture).
   */
  public Optional<DisplaySurface> display() {
    return board.gpu == null ? Optional.empty() : Optional.of(board.gpu.surface());
  }

  /** Keyboard and pointer input for the guest; thread-safe, events reach it in order. */
  public InputEvents input() {
    return input;
  }

  /**
   * Offers the guest a new display size (the user resized the window); the guest may follow.
   * Does nothing without a gpu.
   *
   * @throws IllegalArgumentException if the size is outside what the gpu supports
   */
  public void requestDisplaySize(int width, int height) {
    if (board.gpu != null) {
      VirtioGpu.checkSize(width, height); // on the caller's thread, so it sees the error
      post(() -> board.gpu.requestDisplaySize(width, height));
    }
  }

  /** Where the UART's output goes; may be changed at any time. */
  public void setSerialSink(CharSink sink) {
    post(() -> board.uart.setSink(sink));
  }

  /** Queues bytes typed on the serial console; thread-safe, nothing is dropped. */
  public void sendSerialInput(byte[] data) {
    byte[] copy = data.clone();
    post(() -> board.uart.receive(copy));
  }

  /**
   * Runs {@code task} on the vCPU thread at the next batch boundary (at once if the vCPU is not
   * running), waking a guest that waits for an interrupt.
   */
  public void post(Runnable task) {
    synchronized (lock) {
      if (vcpuParked) {
        task.run();
        return;
      }
      posted.add(task);
      lock.notifyAll();
    }
  }

  /** Starts the vCPU thread (PRELAUNCH to RUNNING); {@code -S} callers use {@link #resume()}. */
  public void start() {
    startVcpu(RunState.RUNNING);
  }

  /** Creates the vCPU thread but leaves the VM paused (QEMU's {@code -S}). */
  public void startPaused() {
    startVcpu(RunState.PAUSED);
  }

  private void startVcpu(RunState initial) {
    synchronized (lock) {
      if (vcpu != null) {
        throw new IllegalStateException("machine already started");
      }
      vcpu = new Thread(this::vcpuLoop, "cairn-vcpu0");
      vcpu.setDaemon(true);
      setState(initial);
      vcpuParked = initial != RunState.RUNNING;
      if (initial == RunState.RUNNING) {
        board.clock.start();
      }
      vcpu.start();
    }
  }

  /** Stops the vCPU at the next batch boundary; returns once it is stopped. No-op unless running. */
  public void pause() {
    synchronized (lock) {
      if (state != RunState.RUNNING) {
        return;
      }
      requested = RunState.PAUSED;
      lock.notifyAll();
      awaitParked();
    }
  }

  /** Continues a paused VM (also one left stopped by an outgoing migration). */
  public void resume() {
    synchronized (lock) {
      if (state != RunState.PAUSED && state != RunState.POSTMIGRATE) {
        return;
      }
      vcpuParked = false;
      board.clock.start();
      setState(RunState.RUNNING);
      lock.notifyAll();
    }
  }

  /**
   * Marks a VM that has not started as waiting for an incoming migration (PRELAUNCH to
   * INMIGRATE); {@link #start()} or {@link #startPaused()} follow once the stream is loaded.
   */
  public void markIncoming() {
    synchronized (lock) {
      if (state == RunState.PRELAUNCH) {
        setState(RunState.INMIGRATE);
      }
    }
  }

  /** Marks a paused VM whose guest has migrated away (PAUSED to POSTMIGRATE). */
  public void markMigrated() {
    synchronized (lock) {
      if (state == RunState.PAUSED) {
        setState(RunState.POSTMIGRATE);
      }
    }
  }

  /**
   * Slows the guest: the vCPU sleeps {@code percent} of wall time (0 runs it at full speed), as
   * QEMU's CPU throttle does to let a migration catch up with a guest that dirties memory faster
   * than the link carries it.
   */
  public void setThrottlePercent(int percent) {
    throttlePercent = Math.max(0, Math.min(99, percent));
  }

  public int throttlePercent() {
    return throttlePercent;
  }

  /** Resets the board and reboots the guest (keeps the run state), like QEMU's system_reset. */
  public void reset() {
    synchronized (lock) {
      if (state == RunState.SHUTDOWN) {
        return;
      }
      if (vcpuParked) {
        doReset();
        return;
      }
      resetRequested = true;
      lock.notifyAll();
    }
  }

  /** Stops the VM for good (state SHUTDOWN); {@link #awaitShutdown()} then returns. */
  public void powerOff() {
    shutdown(0);
  }

  public RunState runState() {
    synchronized (lock) {
      return state;
    }
  }

  /**
   * Waits until the VM shuts down (guest poweroff, {@link #powerOff()}, or an internal error) and
   * returns the exit status QEMU would: 0 for a clean poweroff, the sifive-test failure code, or
   * 1 for an internal error.
   */
  public int awaitShutdown() throws InterruptedException {
    synchronized (lock) {
      while (state != RunState.SHUTDOWN && state != RunState.INTERNAL_ERROR) {
        lock.wait();
      }
      return exitStatus;
    }
  }

  /** With {@code true}, a guest reboot request powers the VM off instead (QEMU's -no-reboot). */
  public void setNoReboot(boolean noReboot) {
    this.noReboot = noReboot;
  }

  /** The host thread id of the vCPU thread (for the monitor's {@code info cpus}); -1 before start. */
  public long vcpuThreadId() {
    synchronized (lock) {
      return vcpu == null ? -1 : vcpu.getId();
    }
  }

  /** Listeners hear every run-state change, on the thread that made it. */
  public void addStateListener(Consumer<RunState> listener) {
    listeners.add(listener);
  }

  /** Powers off if running and releases files. */
  @Override
  public void close() {
    shutdown(0);
    Thread thread;
    synchronized (lock) {
      thread = vcpu;
    }
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    board.closeDrives();
  }

  // ---- internals ----

  private void setState(RunState next) {
    state = next;
    lock.notifyAll();
    for (Consumer<RunState> listener : listeners) {
      listener.accept(next);
    }
  }

  private void awaitParked() {
    while (!vcpuParked && vcpu != null && vcpu.isAlive() && vcpu != Thread.currentThread()) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void shutdown(int status) {
    synchronized (lock) {
      if (state == RunState.SHUTDOWN || state == RunState.INTERNAL_ERROR) {
        return;
      }
      exitStatus = status;
      if (vcpu == null || vcpuParked) {
        finishShutdown();
        return;
      }
      requested = RunState.SHUTDOWN;
      lock.notifyAll();
      awaitParked();
    }
  }

  /** Called with the lock held once the vCPU is stopped. */
  private void finishShutdown() {
    board.clock.stop();
    board.uart.flushOutput();
    board.flushDrives();
    vcpuParked = true;
    setState(RunState.SHUTDOWN);
  }

  private void onTestDevice(SifiveTest.Request request) {
    // Runs on the vCPU thread inside an MMIO store: record the request, end the batch.
    synchronized (lock) {
      switch (request.kind()) {
        case RESET:
          if (noReboot) {
            exitStatus = 0;
            requested = RunState.SHUTDOWN;
          } else {
            resetRequested = true;
          }
          break;
        case FAIL:
          exitStatus = request.exitCode();
          requested = RunState.SHUTDOWN;
          break;
        default:
          exitStatus = 0;
          requested = RunState.SHUTDOWN;
          break;
      }
    }
    board.hart.endBatch();
  }

  private void doReset() {
    try {
      bootSummary = board.resetAndLoad().summary();
      board.clock.set(0);
    } catch (MachineConfigException e) {
      // The files were read once already; failing now means they changed under us.
      System.err.println("cairn: reset failed: " + e.getMessage());
      exitStatus = 1;
      setState(RunState.INTERNAL_ERROR);
    }
  }

  private void vcpuLoop() {
    try {
      while (true) {
        long deadline;
        synchronized (lock) {
          if (!serviceRequests()) {
            return;
          }
          deadline = board.advanceTimers();
        }
        long batchStart = throttlePercent > 0 ? System.nanoTime() : 0;
        board.hart.run(BATCH);
        if (batchStart != 0) {
          throttle(System.nanoTime() - batchStart);
        }
        if (board.hart.isWaitingForInterrupt()) {
          sleepUntil(board.advanceTimers());
        }
      }
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        System.err.println("cairn: internal error in the vCPU at pc=0x"
            + Long.toHexString(board.hart.pc()) + ": " + e);
        e.printStackTrace();
        exitStatus = 1;
        vcpuParked = true;
        board.clock.stop();
        setState(RunState.INTERNAL_ERROR);
      }
    }
  }

  /**
   * Obeys pending requests and runs posted work; parks while paused. Returns false when the
   * vCPU thread should end. Called with the lock held.
   */
  private boolean serviceRequests() {
    while (true) {
      Runnable task;
      while ((task = posted.poll()) != null) {
        task.run();
      }
      if (resetRequested) {
        resetRequested = false;
        doReset();
      }
      if (requested == RunState.SHUTDOWN) {
        requested = null;
        finishShutdown();
        return false;
      }
      if (requested == RunState.PAUSED) {
        requested = null;
        board.clock.stop();
        vcpuParked = true;
        setState(RunState.PAUSED);
      }
      if (state == RunState.RUNNING && !vcpuParked) {
        return true;
      }
      if (state == RunState.SHUTDOWN || state == RunState.INTERNAL_ERROR) {
        return false;
      }
      try {
        lock.wait();
      } catch (InterruptedException e) {
        return false;
      }
    }
  }

  /**
   * After every 10 ms of running, sleeps long enough that sleeping makes up {@link
   * #throttlePercent} of the time (QEMU's cpu_throttle_thread). Pause requests end the sleep.
   */
  private void throttle(long ranNanos) {
    int percent = throttlePercent;
    ranSinceThrottle += ranNanos;
    if (percent == 0 || ranSinceThrottle < 10_000_000L) {
      return;
    }
    long sleepNanos = ranSinceThrottle * percent / (100 - percent);
    ranSinceThrottle = 0;
    long until = System.nanoTime() + sleepNanos;
    synchronized (lock) {
      long left;
      while ((left = until - System.nanoTime()) > 0 && requested == null && !resetRequested) {
        try {
          lock.wait(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Sleeps while the guest waits for an interrupt, until the timer deadline or posted work. */
  private void sleepUntil(long deadlineTicks) {
    synchronized (lock) {
      if (!posted.isEmpty() || requested != null || resetRequested) {
        return;
      }
      long nanos;
      if (board.clock.isDeterministic()) {
        // Time only moves with instructions: skip straight to the deadline. With no deadline only
        // posted work (input) can wake the guest, so wait for that instead of spinning.
        if (deadlineTicks != Long.MAX_VALUE) {
          board.hart.skipIdleUntil(deadlineTicks * 100);
          return;
        }
        nanos = 1_000_000_000L;
      } else {
        nanos = board.clock.nanosUntil(deadlineTicks);
      }
      if (nanos <= 0) {
        return;
      }
      try {
        long millis = Math.min(nanos / 1_000_000, 1_000);
        int extra = (int) (millis >= 1_000 ? 0 : nanos % 1_000_000);
        lock.wait(millis, extra);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
