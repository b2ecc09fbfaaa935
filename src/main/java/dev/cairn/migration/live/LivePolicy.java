package dev.cairn.migration.live;

/**
 * What steers a {@link LiveSave} between chunks and passes. Each value is read again at every
 * decision, so a migration's parameters may change while it runs (QEMU's {@code
 * migrate_set_parameter} during a migration).
 */
public interface LivePolicy {

  /** The pause the final pass may cost; the save completes once what is left fits in it. */
  long downtimeLimitMillis();

  /** Bytes per second the stream may carry; 0 for no limit. */
  long maxBytesPerSecond();

  /** Passes after which the save completes even if it did not converge; 0 for no limit. */
  int maxPasses();

  /**
   * Hears the end of every pass after the dirty log was harvested, before the convergence
   * decision, on the save thread (auto-converge throttles the vCPU from here).
   */
  default void passEnded(SaveProgress progress) {}

  /** A fixed downtime limit, no bandwidth limit, at most {@code maxPasses} passes. */
  static LivePolicy fixed(long downtimeLimitMillis, int maxPasses) {
    return new LivePolicy() {
      @Override
      public long downtimeLimitMillis() {
        return downtimeLimitMillis;
      }

      @Override
      public long maxBytesPerSecond() {
        return 0;
      }

      @Override
      public int maxPasses() {
        return maxPasses;
      }
    };
  }
}
