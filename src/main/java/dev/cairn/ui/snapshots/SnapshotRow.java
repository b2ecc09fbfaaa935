package dev.cairn.ui.snapshots;

import dev.cairn.migration.snapshot.SnapshotInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One snapshot as the tree shows it; the texts are computed once.
 *
 * @param thumbnail the PNG of the screen at the snapshot, or null (no display then)
 */
public record SnapshotRow(SnapshotInfo info, String date, String size, String guestClock,
    Path thumbnail) {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  public static SnapshotRow of(SnapshotInfo info) {
    return of(info, null);
  }

  public static SnapshotRow of(SnapshotInfo info, Path thumbnail) {
    return new SnapshotRow(
        info,
        DATE.format(Instant.ofEpochMilli(info.dateMillis())),
        Sizes.bytes(info.sizeBytes()),
        Sizes.clock(info.vmClockNanos()),
        thumbnail);
  }

  public String tag() {
    return info.tag();
  }

  public int id() {
    return info.id();
  }
}
