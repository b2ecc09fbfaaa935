package dev.cairn.ui.snapshots;

/** Human-readable sizes and durations, as the snapshot list and progress show them. */
public final class Sizes {

  private Sizes() {}

  /** {@code 512 B}, {@code 12.3 MiB}, {@code 1.50 GiB}. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1L << 20) {
      return String.format("%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1L << 30) {
      return String.format("%.1f MiB", bytes / (double) (1L << 20));
    }
    return String.format("%.2f GiB", bytes / (double) (1L << 30));
  }

  /** A guest clock as {@code HH:MM:SS.mmm}, like QEMU's VM CLOCK column. */
  public static String clock(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    return String.format("%02d:%02d:%02d.%03d", seconds / 3600, seconds / 60 % 60, seconds % 60,
        nanos / 1_000_000 % 1000);
  }
}
