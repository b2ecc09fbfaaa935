package dev.cairn.migration.ram;

import dev.cairn.memory.GuestRam;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The RAM live section, destination side: checks the header against the RAM it loads into, then
 * applies page entries. Every entry is checked before it is applied.
 */
public final class RamLoader {

  private final GuestRam ram;
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

  /** Applies one PART/END payload of page entries. */
  public void loadChunk(byte[] payload) throws RamSectionException {
    if (!headerSeen) {
      throw new RamSectionException("RAM pages arrived before the RAM section header");
    }
    // Bulk access on the payload itself: page contents go straight into guest RAM.
    ByteBuffer in = ByteBuffer.wrap(payload);
    while (in.hasRemaining()) {
      if (in.remaining() < RamPages.ENTRY_HEADER_BYTES) {
        throw new RamSectionException("RAM page data is truncated");
      }
      long entry = in.getLong();
      long index = RamPages.pageIndex(entry);
      if (index >= ram.pageCount()) {
        throw new RamSectionException("RAM page " + index + " is beyond the end of RAM ("
            + ram.pageCount() + " pages)");
      }
      switch (RamPages.kind(entry)) {
        case RamPages.ZERO:
          ram.discardPage((int) index);
          break;
        case RamPages.DATA:
          if (in.remaining() < GuestRam.PAGE_SIZE) {
            throw new RamSectionException("RAM page data is truncated");
          }
          ram.write(ram.base() + (index << GuestRam.PAGE_SHIFT), payload, in.position(),
              GuestRam.PAGE_SIZE);
          in.position(in.position() + GuestRam.PAGE_SIZE);
          break;
        default:
          throw new RamSectionException(
              "unknown RAM page entry kind " + RamPages.kind(entry) + " for page " + index);
      }
    }
  }
}
