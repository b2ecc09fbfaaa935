package dev.cairn.machine;

import dev.cairn.state.StateDescription;

/**
 * The saved state of the board's {@link VirtualClock}: the current mtime, so that the CLINT's
 * mtimecmp, the time CSR and the RTC's offset all continue from the saved instant.
 *
 * <p>Reference: RISC-V ACLINT specification v1.0, section 2 (mtime is a platform counter).
 *
 * <p>Restore it before the devices that read the clock in their postLoad (CLINT, RTC). Not saved:
 * whether the clock is running (the run state belongs to the migration controller) and whether it
 * is deterministic (configuration; in that mode time follows the hart's instret, saved with the
 * hart, and loading only sets the real-time counter).
 */
public final class VirtualClockState {

  /** Version 1: mtime in 10 MHz ticks. */
  public static final StateDescription<VirtualClock> DESCRIPTION =
      StateDescription.builder("clock", VirtualClock.class)
          .version(1)
          .minimumVersion(1)
          .u64("ticks", VirtualClock::now, VirtualClock::set)
          .build();

  private VirtualClockState() {}
}
