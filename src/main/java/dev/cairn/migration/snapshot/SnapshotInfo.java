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
 * @param parentId the ID of the snapshot the saved state descended from (the one last taken or
 *     loaded before it), or {@link #NO_PARENT}; indexes written before parents were tracked read
 *     as {@code NO_PARENT}
 * @param thumbnail the PNG of the screen at the save, a file name inside the store's directory,
 *     or null when the VM had no display
 * @param description what the user wrote about the snapshot, or null (monitor snapshots, and
 *     indexes written before descriptions)
 */
public record SnapshotInfo(
    int id,
    String tag,
    String file,
    long sizeBytes,
    long dateMillis,
    long vmClockTicks,
    long instructions,
    int parentId,
    String thumbnail,
    String description) {

  /** The {@link #parentId} of a snapshot taken from a fresh boot. */
  public static final int NO_PARENT = 0;

  /** An entry without parent or thumbnail (what indexes before them held). */
  public SnapshotInfo(int id, String tag, String file, long sizeBytes, long dateMillis,
      long vmClockTicks, long instructions) {
    this(id, tag, file, sizeBytes, dateMillis, vmClockTicks, instructions, NO_PARENT, null);
  }

  /** An entry without a description. */
  public SnapshotInfo(int id, String tag, String file, long sizeBytes, long dateMillis,
      long vmClockTicks, long instructions, int parentId, String thumbnail) {
    this(id, tag, file, sizeBytes, dateMillis, vmClockTicks, instructions, parentId, thumbnail,
        null);
  }

  /** The virtual clock in nanoseconds. */
  public long vmClockNanos() {
    return vmClockTicks * (1_000_000_000L / TimeSource.FREQUENCY_HZ);
  }

  SnapshotInfo withParent(int parent) {
    return new SnapshotInfo(id, tag, file, sizeBytes, dateMillis, vmClockTicks, instructions,
        parent, thumbnail, description);
  }

  SnapshotInfo withTag(String newTag) {
    return new SnapshotInfo(id, newTag, file, sizeBytes, dateMillis, vmClockTicks, instructions,
        parentId, thumbnail, description);
  }

  SnapshotInfo withDescription(String text) {
    return new SnapshotInfo(id, tag, file, sizeBytes, dateMillis, vmClockTicks, instructions,
        parentId, thumbnail, text);
  }
}
