package dev.cairn.migration.controller;

import dev.cairn.machine.Machine;
import dev.cairn.migration.live.SaveProgress;

/**
 * The auto-converge capability: over periods of at least a second, compares the bytes the guest
 * dirtied with the bytes sent; when dirtying exceeds {@code throttle-trigger-threshold} percent of
 * what was sent in two periods, throttles the vCPU ({@code cpu-throttle-initial}, then up by
 * {@code cpu-throttle-increment} to {@code max-cpu-throttle}).
 *
 * <p>Reference: QEMU {@code migration/ram.c} (migration_trigger_throttle, mig_throttle_guest_down).
 */
final class AutoConverge {

  private static final long PERIOD_NANOS = 1_000_000_000L;

  private final Machine machine;
  private final MigrationParameters parameters;
  private long periodStart = System.nanoTime();
  private long sentAtPeriodStart;
  private long dirtiedInPeriod;
  private int highPeriods;

  AutoConverge(Machine machine, MigrationParameters parameters) {
    this.machine = machine;
    this.parameters = parameters;
  }

  /** Called after every harvest of the dirty log; {@code progress.remainingBytes()} is new dirt. */
  void passEnded(SaveProgress progress) {
    dirtiedInPeriod += progress.remainingBytes();
    long now = System.nanoTime();
    if (now - periodStart < PERIOD_NANOS) {
      return;
    }
    long sent = progress.transferredBytes() - sentAtPeriodStart;
    boolean high = dirtiedInPeriod * 100 > sent * parameters.throttleTriggerThreshold();
    periodStart = now;
    sentAtPeriodStart = progress.transferredBytes();
    dirtiedInPeriod = 0;
    if (high && ++highPeriods >= 2) {
      highPeriods = 0;
      int current = machine.throttlePercent();
      int next = current == 0
          ? parameters.cpuThrottleInitial()
          : current + parameters.cpuThrottleIncrement();
      machine.setThrottlePercent(Math.min(next, parameters.maxCpuThrottle()));
    }
  }
}
