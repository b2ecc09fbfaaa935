package dev.cairn.machine;

import dev.cairn.cpu.TimeSource;
import java.util.function.LongSupplier;

/**
 * The guest's notion of time ({@code mtime}, 10 MHz): host time that stands still while the VM is
 * paused, or, in deterministic mode, the instruction count (one instruction = 1 ns, as QEMU's
 * {@code -icount shift=0}), which makes runs and replays repeatable.
 */
public final class VirtualClock implements TimeSource {

  private static final long NANOS_PER_TICK = 1_000_000_000L / FREQUENCY_HZ;

  private final boolean deterministic;
  private final LongSupplier instructions;
  /** Real-time mode: ticks accumulated before the current running period. */
  private long ticksBeforeStart;
  /** Real-time mode: host nanoTime when the current running period started, or -1 if stopped. */
  private volatile long runningSince = -1;
  private volatile long frozenTicks;

  /**
   * @param deterministic tie time to {@code instructions} instead of the host clock
   * @param instructions instructions retired so far (read on the vCPU thread)
   */
  public VirtualClock(boolean deterministic, LongSupplier instructions) {
    this.deterministic = deterministic;
    this.instructions = instructions;
  }

  public boolean isDeterministic() {
    return deterministic;
  }

  @Override
  public long now() {
    if (deterministic) {
      return instructions.getAsLong() / NANOS_PER_TICK;
    }
    long since = runningSince;
    if (since < 0) {
      return frozenTicks;
    }
    return ticksBeforeStart + (System.nanoTime() - since) / NANOS_PER_TICK;
  }

  /** Lets time flow (VM running). */
  public synchronized void start() {
    if (runningSince < 0) {
      ticksBeforeStart = frozenTicks;
      runningSince = System.nanoTime();
    }
  }

  /** Freezes time (VM paused); {@link #now()} keeps returning the value at this moment. */
  public synchronized void stop() {
    if (runningSince >= 0) {
      frozenTicks = now();
      runningSince = -1;
    }
  }

  /** Sets the current time (reset to zero, or restoring a saved clock). */
  public synchronized void set(long ticks) {
    boolean running = runningSince >= 0;
    frozenTicks = ticks;
    ticksBeforeStart = ticks;
    if (running) {
      runningSince = System.nanoTime();
    }
  }

  /** Host nanoseconds until the clock reaches {@code ticks}; 0 if already there. */
  public long nanosUntil(long ticks) {
    long delta = ticks - now();
    if (delta <= 0) {
      return 0;
    }
    return delta > Long.MAX_VALUE / NANOS_PER_TICK ? Long.MAX_VALUE : delta * NANOS_PER_TICK;
  }
}
