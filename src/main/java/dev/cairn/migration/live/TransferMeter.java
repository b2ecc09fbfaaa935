package dev.cairn.migration.live;

/**
 * Counts the bytes a save hands to its stream, measures the throughput over windows of 100 ms
 * (so one short pass does not swing the convergence decision), and holds a bandwidth limit by
 * sleeping once a window has carried more than the limit allows for its time.
 *
 * <p>Reference: QEMU {@code migration/migration.c} (BUFFER_DELAY, migration_update_counters,
 * migration_rate_limit).
 */
final class TransferMeter {

  private static final long WINDOW_NANOS = 100_000_000L;
  /**
   * A window that carried less than this says the sender had little to send (an idle guest's
   * late passes), not that the link is slow: it keeps the earlier measurement.
   */
  private static final long MEANINGFUL_BYTES = 256 << 10;

  private long windowStart = System.nanoTime();
  private long windowBytes;
  private double bytesPerSecond;

  /**
   * Records {@code bytes} just written; with a limit ({@code maxBytesPerSecond > 0}) sleeps until
   * the bytes of the current window fit the limit (a chunk bigger than a window's share waits as
   * long as it takes to carry at that rate).
   */
  void sent(long bytes, long maxBytesPerSecond, java.util.function.BooleanSupplier stop)
      throws InterruptedException {
    windowBytes += bytes;
    long now = System.nanoTime();
    if (maxBytesPerSecond > 0) {
      long due = windowStart + (long) (windowBytes * 1e9 / maxBytesPerSecond);
      // In slices, so that a cancel does not wait for a slow link's whole delay.
      while (due > now && !stop.getAsBoolean()) {
        long left = Math.min(due - now, 20_000_000L);
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        now = System.nanoTime();
      }
    }
    if (now - windowStart >= WINDOW_NANOS) {
      long meaningful = maxBytesPerSecond > 0
          ? Math.min(MEANINGFUL_BYTES, maxBytesPerSecond / 20) : MEANINGFUL_BYTES;
      if (windowBytes >= meaningful || bytesPerSecond == 0) {
        bytesPerSecond = windowBytes * 1e9 / (now - windowStart);
      }
      windowStart = now;
      windowBytes = 0;
    }
  }

  /**
   * The throughput of the last closed window, or of the open one before any window closed; at
   * least 1 byte per second so that divisions stay finite.
   */
  double bytesPerSecond() {
    if (bytesPerSecond > 0) {
      return bytesPerSecond;
    }
    long elapsed = Math.max(System.nanoTime() - windowStart, 1);
    return Math.max(windowBytes * 1e9 / elapsed, 1);
  }
}
