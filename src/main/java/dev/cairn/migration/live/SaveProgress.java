package dev.cairn.migration.live;

/**
 * A snapshot of a running save, with QEMU's {@code info migrate} names where they exist.
 *
 * @param status "setup", "active", "device" (final pause), "completed", "failed" or "cancelled"
 * @param pass the dirty-bitmap pass (QEMU's dirty-sync-count)
 * @param remainingPages RAM pages still to send in this pass
 * @param remainingBytes the same in bytes
 * @param transferredBytes stream bytes written so far
 * @param zeroPages pages sent as a zero flag (QEMU's "duplicate")
 * @param normalPages pages sent with contents
 * @param bytesPerSecond measured throughput
 * @param expectedDowntimeMillis what the final pause would cost now
 * @param downtimeMillis the final pause, once completed (else 0)
 * @param totalMillis time since the save started
 * @param setupMillis time the setup took (header, configuration, starting dirty logging)
 * @param dirtyPagesRate pages the guest dirtied per second, measured over the last pass
 * @param totalRamBytes the guest's RAM size (QEMU's "total ram")
 */
public record SaveProgress(
    String status,
    int pass,
    long remainingPages,
    long remainingBytes,
    long transferredBytes,
    long zeroPages,
    long normalPages,
    double bytesPerSecond,
    long expectedDowntimeMillis,
    long downtimeMillis,
    long totalMillis,
    long setupMillis,
    long dirtyPagesRate,
    long totalRamBytes) {}
