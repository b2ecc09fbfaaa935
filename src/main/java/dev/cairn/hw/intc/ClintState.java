package dev.cairn.hw.intc;

import dev.cairn.cpu.InterruptTarget;
import dev.cairn.state.StateDescription;

/**
 * The saved state of the {@link Clint}: hart 0's msip bit and mtimecmp.
 *
 * <p>Reference: RISC-V ACLINT specification v1.0, sections 2 (MTIMER) and 3 (MSWI).
 *
 * <p>Not saved: mtime, which is the board's clock (saved with the board), and MTIP, which postLoad
 * recomputes from mtimecmp and that clock, so the clock must be restored first.
 */
public final class ClintState {

  /** Version 1: msip and mtimecmp. */
  public static final StateDescription<Clint> DESCRIPTION =
      StateDescription.builder("clint", Clint.class)
          .version(1)
          .minimumVersion(1)
          .bool("msip", c -> c.msip, (c, v) -> c.msip = v)
          .u64("mtimecmp", c -> c.mtimecmp, (c, v) -> c.mtimecmp = v)
          .postLoad((c, fromVersion) -> {
            c.hart.setInterruptPending(InterruptTarget.MSIP, c.msip);
            c.advance(c.time.now());
          })
          .build();

  private ClintState() {}
}
