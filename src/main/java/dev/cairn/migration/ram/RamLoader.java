package dev.cairn.migration.ram;

import dev.cairn.memory.GuestRam;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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

  /** Applies one PART/END payload of page entries. */
  public void loadChunk(byte[] payload) throws RamSectionException {
    loadChunk(new DataInputStream(new ByteArrayInputStream(payload)));
  }

  /**
   * Applies one PART/END payload of page entries, read from {@code payload} to its end. Pages go
   * from the payload into guest RAM through one scratch page; no copy of the whole payload is
   * made (on a multi-GiB load those copies were humongous allocations and a GC storm).
   */
  public void loadChunk(DataInputStream payload) throws RamSectionException {
    if (!headerSeen) {
      throw new RamSectionException("RAM pages arrived before the RAM section header");
    }
    try {
      int first;
      while ((first = payload.read()) >= 0) {
        long entry = ((long) first << 56) | readRestOfEntry(payload);
        long index = RamPages.pageIndex(entry);
        if (index >= ram.pageCount()) {
          throw new RamSectionException("RAM page " + index + " is beyond the end of RAM ("
              + ram.pageCount() + " pages)");
        }
        switch (RamPages.kind(entry)) {
          case RamPages.ZERO -> ram.discardPage((int) index);
          case RamPages.DATA -> {
            // Through a scratch page, so a truncated page leaves guest RAM as it was.
            payload.readFully(scratch);
            ram.write(ram.base() + (index << GuestRam.PAGE_SHIFT), scratch, 0, GuestRam.PAGE_SIZE);
          }
          default -> throw new RamSectionException(
              "unknown RAM page entry kind " + RamPages.kind(entry) + " for page " + index);
        }
      }
    } catch (EOFException e) {
      throw new RamSectionException("RAM page data is truncated", e);
    } catch (IOException e) {
      throw new RamSectionException("cannot read RAM page data: " + e.getMessage(), e);
    }
  }

  /** The 7 bytes of an entry header after its first (read apart to detect a clean end). */
  private static long readRestOfEntry(DataInputStream in) throws IOException {
    long rest = 0;
    for (int i = 1; i < RamPages.ENTRY_HEADER_BYTES; i++) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      rest = (rest << 8) | b;
    }
    return rest;
  }
}
