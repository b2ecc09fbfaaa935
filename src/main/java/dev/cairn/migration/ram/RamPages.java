package dev.cairn.migration.ram;

/**
 * The RAM section's encoding. A payload is a sequence of entries, each a big-endian u64 {@code
 * (pageIndex << 8) | kind}, followed for {@link #DATA} by the page's 4096 bytes. A zero page costs
 * its 8-byte header only (QEMU's "duplicate" pages). The START payload is a header: u64 RAM base,
 * u64 RAM size, u32 page size; page indexes are u64, so RAM above 4 GiB needs nothing special.
 *
 * <p>Reference: QEMU {@code migration/ram.c} (RAM_SAVE_FLAG_ZERO, RAM_SAVE_FLAG_PAGE).
 */
final class RamPages {

  static final int ZERO = 1;
  static final int DATA = 2;
  static final int ENTRY_HEADER_BYTES = 8;
  static final int HEADER_BYTES = 8 + 8 + 4;

  private RamPages() {}

  static long entry(long pageIndex, int kind) {
    return (pageIndex << 8) | kind;
  }

  static long pageIndex(long entry) {
    return entry >>> 8;
  }

  static int kind(long entry) {
    return (int) (entry & 0xFF);
  }
}
