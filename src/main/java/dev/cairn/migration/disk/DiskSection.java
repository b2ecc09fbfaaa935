package dev.cairn.migration.disk;

/**
 * The "block" section's encoding, shared by {@link DiskSaver} and {@link DiskLoader}.
 *
 * <p>START: drive id (UTF), format (UTF), virtual size (long), block size (int). Each PART: a
 * count (int), then per block its index (long) and a kind byte: {@link #ZERO} alone, or
 * {@link #DATA} followed by the block's bytes (the last block of the drive may be short). END is
 * empty. One section per writable drive; its instance is the drive's position on the command line.
 */
public final class DiskSection {

  /** The section's name in the stream. */
  public static final String NAME = "block";
  /** The version of the encoding above. */
  public static final int VERSION = 1;
  /** Dirty-tracking and transfer unit: small enough to resend cheaply, large enough to batch. */
  public static final int BLOCK_SIZE = 64 << 10;

  static final byte ZERO = 0;
  static final byte DATA = 1;

  private DiskSection() {}

  /** Bytes in block {@code index} of a drive of {@code size} bytes. */
  static int blockLength(long size, long index, int blockSize) {
    return (int) Math.min(blockSize, size - index * blockSize);
  }

  /** Blocks covering a drive of {@code size} bytes. */
  static long blockCount(long size, int blockSize) {
    return (size + blockSize - 1) / blockSize;
  }
}
