package dev.cairn.monitor;

import dev.cairn.migration.snapshot.SnapshotInfo;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The text of {@code info snapshots}, column for column as QEMU prints it.
 *
 * <p>Reference: QEMU {@code hmp_info_snapshots} and {@code bdrv_snapshot_dump}; the ID column
 * shows {@code --} because QEMU's list of snapshots "present on all disks" does.
 */
public final class SnapshotTable {

  private static final String[] SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private SnapshotTable() {}

  /** The whole output, lines ending in {@code \n}; dates in {@code zone} (QEMU: local time). */
  static String format(List<SnapshotInfo> snapshots, ZoneId zone) {
    if (snapshots.isEmpty()) {
      return "There is no snapshot available.\n";
    }
    StringBuilder out = new StringBuilder("List of snapshots present on all disks:\n");
    out.append(String.format("%-10s%-17s%8s%20s%13s%11s\n",
        "ID", "TAG", "VM SIZE", "DATE", "VM CLOCK", "ICOUNT"));
    for (SnapshotInfo s : snapshots) {
      String date = DATE.format(Instant.ofEpochMilli(s.dateMillis()).atZone(zone));
      out.append(String.format("%-9s %-16s %8s%20s%13s%11s\n",
          "--", s.tag(), size(s.sizeBytes()), date, clock(s.vmClockNanos()),
          Long.toString(s.instructions())));
    }
    return out.toString();
  }

  /** {@code hh:mm:ss.mmm}; hours are not wrapped at a day. */
  public static String clock(long nanos) {
    long secs = nanos / 1_000_000_000L;
    return String.format("%02d:%02d:%02d.%03d",
        secs / 3600, (secs / 60) % 60, secs % 60, (nanos / 1_000_000) % 1000);
  }

  /**
   * QEMU's {@code size_to_str}: three significant digits in the largest binary unit that keeps
   * the number below 1000 ({@code 58.2 MiB}, {@code 512 B}, {@code 0.977 KiB}).
   */
  public static String size(long bytes) {
    int exponent = bytes == 0 ? 0 : Math.getExponent(bytes / (1000.0 / 1024.0)) + 1;
    int unit = (exponent - 1) / 10;
    if (unit < 0) {
      unit = 0;
    }
    double value = (double) bytes / (1L << (unit * 10));
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
    String number = rounded.compareTo(BigDecimal.valueOf(1000)) >= 0
        ? "1e+03" // what C's %0.3g prints for 999.5 up to 1000
        : rounded.stripTrailingZeros().toPlainString();
    return number + " " + SUFFIXES[unit] + "B";
  }
}
