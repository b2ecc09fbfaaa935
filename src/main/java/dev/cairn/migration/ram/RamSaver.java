package dev.cairn.migration.ram;

import dev.cairn.memory.DirtyClient;
import dev.cairn.memory.DirtyLog;
import dev.cairn.memory.GuestRam;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The RAM live section, source side: the first harvest holds every page; each later harvest
 * ({@link #syncDirty}) holds the pages written since the one before, as seen by the MIGRATION
 * client of the dirty log. Pages go out in bounded chunks, so the caller interleaves RAM with
 * other live sections and measures bandwidth between chunks.
 *
 * <p>Runs on the migration thread while the vCPU keeps writing: a page read here while the guest
 * writes it may be torn, but the write marked it dirty again after the harvest, so it is sent
 * again in a later pass, the last of which runs with the VM paused.
 *
 * <p>Reference: QEMU {@code migration/ram.c} (ram_save_setup, ram_save_iterate,
 * ram_save_complete, migration_bitmap_sync).
 */
public final class RamSaver {

  private static final byte[] ZERO_PAGE = new byte[GuestRam.PAGE_SIZE];

  private final GuestRam ram;
  private final DirtyLog log;
  private long[] harvest = new long[0];
  private byte[] scratch = new byte[0];
  /** Next page index to look at in {@link #harvest}. */
  private long cursor;
  private long pending;
  private long zeroPages;
  private long dataPages;
  private long bytes;
  private int syncCount;
  private boolean logging;

  public RamSaver(GuestRam ram) {
    this.ram = ram;
    this.log = ram.dirtyLog();
  }

  /** Starts dirty logging with every page dirty; returns the START payload (the RAM header). */
  public byte[] setup() {
    log.startLogging(DirtyClient.MIGRATION, true);
    logging = true;
    syncDirty();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(RamPages.HEADER_BYTES);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeLong(ram.base());
      out.writeLong(ram.size());
      out.writeInt(GuestRam.PAGE_SIZE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bytes += RamPages.HEADER_BYTES;
    return buffer.toByteArray();
  }

  /**
   * Harvests the pages written since the last harvest (adding those not sent yet from the
   * previous one) and returns how many are now pending.
   */
  public long syncDirty() {
    long[] fresh = log.sync(DirtyClient.MIGRATION);
    if (harvest.length == fresh.length) {
      // Keep pages of the previous harvest not sent yet: the cursor only moves forward.
      for (int word = (int) (cursor >>> 6); word < fresh.length; word++) {
        long keep = harvest[word];
        if (word == (int) (cursor >>> 6)) {
          keep &= -1L << (cursor & 63);
        }
        fresh[word] |= keep;
      }
    }
    harvest = fresh;
    cursor = 0;
    pending = DirtyLog.count(fresh);
    syncCount++;
    return pending;
  }

  /**
   * Returns a PART payload of pending pages, at most about {@code maxBytes} long (always at least
   * one page if any is pending), or an empty array when this harvest is exhausted.
   */
  public byte[] nextChunk(int maxBytes) {
    int length = fillChunk(maxBytes); // first: it may replace the buffer
    return Arrays.copyOf(scratch, length);
  }

  /**
   * As {@link #nextChunk}, without the copy: fills {@link #chunkBuffer()} and returns how many of
   * its bytes are the payload (0 when this harvest is exhausted). The buffer is reused by the
   * next call, so the caller writes it out first.
   */
  public int fillChunk(int maxBytes) {
    // Each page is copied once, straight into a scratch buffer kept between chunks, and checked
    // for zeros there (the guest may write the page meanwhile; see the class).
    int entry = RamPages.ENTRY_HEADER_BYTES + GuestRam.PAGE_SIZE;
    int capacity = Math.max(maxBytes, 0) + entry;
    if (scratch.length < capacity) {
      scratch = new byte[capacity];
    }
    byte[] buffer = scratch;
    ByteBuffer out = ByteBuffer.wrap(buffer);
    long pageCount = ram.pageCount();
    while (cursor < pageCount && out.position() < maxBytes) {
      long page = nextSetBit(cursor);
      if (page < 0) {
        cursor = pageCount;
        break;
      }
      cursor = page + 1;
      pending--;
      byte[] contents = ram.pageIfPresent((int) page);
      int at = out.position() + RamPages.ENTRY_HEADER_BYTES;
      if (contents != null) {
        System.arraycopy(contents, 0, buffer, at, GuestRam.PAGE_SIZE);
      }
      if (contents == null
          || Arrays.equals(buffer, at, at + GuestRam.PAGE_SIZE, ZERO_PAGE, 0, GuestRam.PAGE_SIZE)) {
        out.putLong(RamPages.entry(page, RamPages.ZERO));
        zeroPages++;
      } else {
        out.putLong(RamPages.entry(page, RamPages.DATA));
        out.position(at + GuestRam.PAGE_SIZE);
        dataPages++;
      }
    }
    bytes += out.position();
    return out.position();
  }

  /** The buffer {@link #fillChunk} fills. */
  public byte[] chunkBuffer() {
    return scratch;
  }

  private long nextSetBit(long from) {
    int word = (int) (from >>> 6);
    if (word >= harvest.length) {
      return -1;
    }
    long bits = harvest[word] & (-1L << (from & 63));
    while (true) {
      if (bits != 0) {
        return ((long) word << 6) + Long.numberOfTrailingZeros(bits);
      }
      if (++word == harvest.length) {
        return -1;
      }
      bits = harvest[word];
    }
  }

  /** Stops dirty logging (after the final pass, or when the save is cancelled). */
  public void finish() {
    if (logging) {
      log.stopLogging(DirtyClient.MIGRATION);
      logging = false;
    }
  }

  /** Pages of the current harvest not sent yet. */
  public long pendingPages() {
    return pending;
  }

  /** Pages sent as a zero flag (QEMU's "duplicate"). */
  public long zeroPages() {
    return zeroPages;
  }

  /** Pages sent with their contents (QEMU's "normal"). */
  public long dataPages() {
    return dataPages;
  }

  /** Payload bytes produced so far. */
  public long bytes() {
    return bytes;
  }

  /** How many times the dirty bitmap was harvested (QEMU's dirty-sync-count). */
  public int syncCount() {
    return syncCount;
  }
}
