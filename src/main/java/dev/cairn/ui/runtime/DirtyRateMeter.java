package dev.cairn.ui.runtime;

import dev.cairn.memory.DirtyClient;
import dev.cairn.memory.DirtyLog;

/**
 * Pages of guest RAM dirtied per second, measured with the dirty log's own bitmap for
 * {@link DirtyClient#STATISTICS} (what QEMU's {@code calc-dirty-rate} does in dirty-bitmap mode).
 *
 * <p>Logging starts at the first sample and costs the guest one slow store per page per sample
 * interval; {@link #stop} ends it. Sampling write-protects the harts' translations, which waits
 * for the running vCPU batch: call it off the FX thread.
 */
public final class DirtyRateMeter {

  private final DirtyLog log;
  private long lastNanos = -1;

  public DirtyRateMeter(DirtyLog log) {
    this.log = log;
  }

  /**
   * The pages dirtied per second since the previous sample; -1 for the first sample (logging
   * starts now, so there is no interval yet).
   */
  public synchronized double sample(long nowNanos) {
    if (lastNanos < 0 || !log.isLogging(DirtyClient.STATISTICS)) {
      log.startLogging(DirtyClient.STATISTICS, false);
      lastNanos = nowNanos;
      return -1;
    }
    long pages = DirtyLog.count(log.sync(DirtyClient.STATISTICS));
    double rate = nowNanos > lastNanos ? pages * 1e9 / (nowNanos - lastNanos) : -1;
    lastNanos = nowNanos;
    return rate;
  }

  /** Ends logging until the next sample; the guest stores at full speed again. */
  public synchronized void stop() {
    if (lastNanos >= 0) {
      log.stopLogging(DirtyClient.STATISTICS);
      lastNanos = -1;
    }
  }
}
