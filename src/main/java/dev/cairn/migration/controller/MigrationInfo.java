package dev.cairn.migration.controller;

/**
 * What {@code info migrate} and {@code query-migrate} show: one consistent snapshot of a
 * migration, with QEMU's names in the comments.
 *
 * @param status "Migration status"
 * @param totalTimeMillis "total time" (so far, or of the whole migration)
 * @param expectedDowntimeMillis "expected downtime" while active
 * @param downtimeMillis "downtime" once completed: how long the guest was stopped
 * @param setupMillis "setup"
 * @param transferredBytes "transferred ram": stream bytes sent
 * @param remainingBytes "remaining ram": dirty RAM still to send in this pass
 * @param totalBytes "total ram"
 * @param duplicatePages "duplicate": zero pages, sent as a flag only
 * @param normalPages "normal": pages sent with their contents
 * @param dirtyPagesRate "dirty pages rate" in pages per second
 * @param dirtySyncCount "dirty sync count": harvests of the dirty log
 * @param mbps "throughput" in megabits per second
 * @param cpuThrottlePercentage "cpu throttle percentage" of auto-converge (0 when off)
 * @param errorDescription why the migration failed, or null
 * @param disk the storage migration's counters, or null without {@code -b}
 */
public record MigrationInfo(
    MigrationStatus status,
    long totalTimeMillis,
    long expectedDowntimeMillis,
    long downtimeMillis,
    long setupMillis,
    long transferredBytes,
    long remainingBytes,
    long totalBytes,
    long duplicatePages,
    long normalPages,
    long dirtyPagesRate,
    long dirtySyncCount,
    double mbps,
    int cpuThrottlePercentage,
    String errorDescription,
    DiskInfo disk) {

  /** RAM page size, for "normal bytes" and "page size". */
  public static final int PAGE_SIZE = dev.cairn.memory.GuestRam.PAGE_SIZE;

  /** Storage migration counters: "transferred disk", "remaining disk", "total disk". */
  public record DiskInfo(long transferredBytes, long remainingBytes, long totalBytes) {}

  /** Before any migration. */
  public static final MigrationInfo NONE =
      new MigrationInfo(MigrationStatus.NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);

  public long normalBytes() {
    return normalPages * PAGE_SIZE;
  }

  /** The same snapshot in another state, with a reason when it failed. */
  public MigrationInfo withStatus(MigrationStatus next, String error) {
    return new MigrationInfo(next, totalTimeMillis, expectedDowntimeMillis, downtimeMillis,
        setupMillis, transferredBytes, remainingBytes, totalBytes, duplicatePages, normalPages,
        dirtyPagesRate, dirtySyncCount, mbps, cpuThrottlePercentage, error, disk);
  }
}
