package dev.cairn.migration.snapshot;

import dev.cairn.cpu.TimeSource;

/**
 * One entry of the snapshot index, with what {@code info snapshots} shows.
 *
 * @param id increasing number, never reused within a directory (QEMU's snapshot ID)
 * @param tag the name the user gave ({@code savevm TAG})
 * @param file the stream file's name inside the store's directory
 * @param sizeBytes size of the stream file (QEMU's "VM SIZE")
 * @param dateMillis wall-clock time of the save, milliseconds since the epoch
 * @param vmClockTicks the guest's virtual clock at the save, in 10 MHz ticks
 * @param instructions instructions the hart had retired at the save
 */
public record SnapshotInfo(
    int id,
    String tag,
    String file,
    long sizeBytes,
    long dateMillis,
    long vmClockTicks,
    long instructions) {

  /** The virtual clock in nanoseconds. */
  public long vmClockNanos() {
    return vmClockTicks * (1_000_000_000L / TimeSource.FREQUENCY_HZ);
  }
}
