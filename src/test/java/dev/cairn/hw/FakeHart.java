package dev.cairn.hw;

import dev.cairn.cpu.InterruptTarget;

/** Records the levels an interrupt controller drives into a hart's mip. */
public final class FakeHart implements InterruptTarget {

  private final boolean[] pending = new boolean[64];
  private int changes;

  @Override
  public void setInterruptPending(int cause, boolean level) {
    if (pending[cause] != level) {
      changes++;
    }
    pending[cause] = level;
  }

  public boolean pending(int cause) {
    return pending[cause];
  }

  public int changes() {
    return changes;
  }
}
