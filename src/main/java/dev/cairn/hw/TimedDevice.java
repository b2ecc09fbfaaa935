package dev.cairn.hw;

/**
 * A device whose state changes with time (CLINT's mtimecmp, the RTC alarm). The machine calls
 * {@link #advance} on the vCPU thread between instruction batches and sleeps no later than the
 * returned deadline while the hart waits for an interrupt.
 */
public interface TimedDevice {

  /**
   * Brings the device up to {@code now} (ticks of {@link dev.cairn.cpu.TimeSource}) and returns the
   * next tick at which it needs to be called again, or {@link Long#MAX_VALUE} if none.
   */
  long advance(long now);
}
