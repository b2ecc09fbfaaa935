package dev.cairn.hw;

import dev.cairn.cpu.TimeSource;

/** A time source the test moves by hand. */
public final class ManualTime implements TimeSource {

  private long now;

  public ManualTime(long start) {
    this.now = start;
  }

  @Override
  public long now() {
    return now;
  }

  public void set(long ticks) {
    now = ticks;
  }

  public void advance(long ticks) {
    now += ticks;
  }
}
