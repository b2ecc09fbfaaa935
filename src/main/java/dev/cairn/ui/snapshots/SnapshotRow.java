package dev.cairn.ui.snapshots;

import dev.cairn.migration.snapshot.SnapshotInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One snapshot as the table shows it; the texts are computed once. */
public record SnapshotRow(SnapshotInfo info, String date, String size, String guestClock) {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  public static SnapshotRow of(SnapshotInfo info) {
    return new SnapshotRow(
        info,
        DATE.format(Instant.ofEpochMilli(info.dateMillis())),
        Sizes.bytes(info.sizeBytes()),
        Sizes.clock(info.vmClockNanos()));
  }

  public String tag() {
    return info.tag();
  }
}
