package dev.cairn.ui.main;

/** Instructions per second from successive readings of a retired-instruction counter. */
final class SpeedMeter {

  private long lastNanos = -1;
  private long lastCount;
  private double last = -1;

  /** Returns the rate since the previous sample, or -1 for the first sample after a reset. */
  double sample(long nowNanos, long count) {
    double rate = -1;
    if (lastNanos >= 0 && nowNanos > lastNanos && count >= lastCount) {
      rate = (count - lastCount) * 1e9 / (nowNanos - lastNanos);
    }
    lastNanos = nowNanos;
    lastCount = count;
    last = rate;
    return rate;
  }

  double last() {
    return last;
  }

  void reset() {
    lastNanos = -1;
    last = -1;
  }
}
