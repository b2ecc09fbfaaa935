package dev.cairn.migration.ram;

import dev.cairn.memory.GuestRam;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The RAM live section, destination side: checks the header against the RAM it loads into, then
 * applies page entries. Every entry is checked before it is applied.
 */
public final class RamLoader {

  private final GuestRam ram;
  private final byte[] scratch = new byte[GuestRam.PAGE_SIZE];
  private boolean headerSeen;

  public RamLoader(GuestRam ram) {
    this.ram = ram;
  }

  /**
   * Checks the START payload.
   *
   * @throws RamSectionException if the stream's RAM has another base, size or page size
   */
  public void loadHeader(byte[] payload) throws RamSectionException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      long base = in.readLong();
      long size = in.readLong();
      int pageSize = in.readInt();
      if (pageSize != GuestRam.PAGE_SIZE) {
        throw new RamSectionException("stream uses " + pageSize + "-byte pages; this build uses "
            + GuestRam.PAGE_SIZE);
      }
      if (base != ram.base() || size != ram.size()) {
        throw new RamSectionException(String.format(
            "stream is for %d MiB of RAM at 0x%x; this VM has %d MiB at 0x%x",
            size >> 20, base, ram.size() >> 20, ram.base()));
      }
      headerSeen = true;
    } catch (IOException e) {
      throw new RamSectionException("RAM section header is truncated", e);
    }
  }

  /**
   * Applies one PART/END payload of page entries, parsed straight from the array: each page is
   * copied once, from the payload into guest RAM. An entry is checked whole (kind, index, all its
   * bytes present) before it is applied, so a truncated page leaves guest RAM as it was.
   */
  public void loadChunk(byte[] payload) throws RamSectionException {
    loadChunk(payload, payload.length);
  }

  /** As {@link #loadChunk(byte[])}, for the payload {@code payload[0, length)}. */
  public void loadChunk(byte[] payload, int length) throws RamSectionException {
    if (!headerSeen) {
      throw new RamSectionException("RAM pages arrived before the RAM section header");
    }
    int at = 0;
    while (at < length) {
      if (length - at < RamPages.ENTRY_HEADER_BYTES) {
        throw new RamSectionException("RAM page data is truncated");
      }
      long entry = bigEndianLong(payload, at);
      at += RamPages.ENTRY_HEADER_BYTES;
      long index = RamPages.pageIndex(entry);
      if (index >= ram.pageCount()) {
        throw new RamSectionException("RAM page " + index + " is beyond the end of RAM ("
            + ram.pageCount() + " pages)");
      }
      switch (RamPages.kind(entry)) {
        case RamPages.ZERO -> ram.discardPage((int) index);
        case RamPages.DATA -> {
          if (length - at < GuestRam.PAGE_SIZE) {
            throw new RamSectionException("RAM page data is truncated");
          }
          ram.write(ram.base() + (index << GuestRam.PAGE_SHIFT), payload, at, GuestRam.PAGE_SIZE);
          at += GuestRam.PAGE_SIZE;
        }
        default -> throw new RamSectionException(
            "unknown RAM page entry kind " + RamPages.kind(entry) + " for page " + index);
      }
    }
  }

  /** Plain shifts, not a VarHandle: this runs before the JIT has compiled anything on a cold load. */
  private static long bigEndianLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }
}
