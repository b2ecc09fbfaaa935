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
    byte[] page = new byte[GuestRam.PAGE_SIZE];
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      while (in.available() > 0) {
        long entry = in.readLong();
        long index = RamPages.pageIndex(entry);
        if (index >= ram.pageCount()) {
          throw new RamSectionException("RAM page " + index + " is beyond the end of RAM ("
              + ram.pageCount() + " pages)");
        }
        long address = ram.base() + (index << GuestRam.PAGE_SHIFT);
        switch (RamPages.kind(entry)) {
          case RamPages.ZERO:
            ram.discardPage((int) index);
            break;
          case RamPages.DATA:
            in.readFully(page);
            ram.write(address, page, 0, page.length);
            break;
          default:
            throw new RamSectionException(
                "unknown RAM page entry kind " + RamPages.kind(entry) + " for page " + index);
        }
      }
    } catch (IOException e) {
      throw new RamSectionException("RAM page data is truncated", e);
    }
  }
}
