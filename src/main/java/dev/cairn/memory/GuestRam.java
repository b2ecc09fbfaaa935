package dev.cairn.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Guest RAM: a contiguous physical range stored as separately allocated 4 KiB pages.
 *
 * <p>A page costs host memory only once something writes it, so a 16 GiB guest starts on a
 * smaller host. Reads of a page never written return zeros without allocating it.
 *
 * <p>Every write path that bypasses a hart's cached writable translation ({@link #pageForWrite},
 * the device helpers below) marks the page in the {@link DirtyLog} and, when the page holds
 * decoded code, tells the {@link CodeWriteListener}. Values are little-endian, as on RISC-V.
 */
public final class GuestRam {

  public static final int PAGE_SHIFT = 12;
  public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
  public static final long PAGE_MASK = PAGE_SIZE - 1;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** Told when a write lands on a page that holds decoded instructions. */
  public interface CodeWriteListener {
    void codePageWritten(long pageIndex);
  }

  private final long base;
  private final long size;
  private final byte[][] pages;
  private final DirtyLog dirtyLog;
  private final AtomicLongArray codePages;
  private volatile CodeWriteListener codeWriteListener = pageIndex -> {};

  /**
   * @param base guest-physical address of the first byte (page aligned)
   * @param size bytes of RAM (a multiple of the page size)
   */
  public GuestRam(long base, long size) {
    if ((base & PAGE_MASK) != 0 || (size & PAGE_MASK) != 0 || size <= 0) {
      throw new IllegalArgumentException("RAM base and size must be positive multiples of 4 KiB");
    }
    long pageCount = size >>> PAGE_SHIFT;
    if (pageCount > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("RAM of " + size + " bytes is larger than supported");
    }
    this.base = base;
    this.size = size;
    this.pages = new byte[(int) pageCount][];
    this.dirtyLog = new DirtyLog(pageCount);
    this.codePages = new AtomicLongArray((int) ((pageCount + 63) >>> 6));
  }

  public long base() {
    return base;
  }

  public long size() {
    return size;
  }

  public long end() {
    return base + size;
  }

  public int pageCount() {
    return pages.length;
  }

  public DirtyLog dirtyLog() {
    return dirtyLog;
  }

  public boolean contains(long paddr) {
    return paddr - base >= 0 && paddr - base < size;
  }

  /** Returns true if {@code [paddr, paddr + length)} lies inside RAM. */
  public boolean contains(long paddr, long length) {
    long offset = paddr - base;
    return offset >= 0 && length >= 0 && offset <= size - length;
  }

  public void setCodeWriteListener(CodeWriteListener listener) {
    this.codeWriteListener = listener;
  }

  /** Returns the page if it was ever written, else null (the page reads as zeros). */
  public byte[] pageIfPresent(int pageIndex) {
    return pages[pageIndex];
  }

  /** Returns the page for reading: never null, but may be a fresh zero page not kept. */
  public byte[] pageForRead(int pageIndex) {
    byte[] page = pages[pageIndex];
    return page != null ? page : ZERO_PAGE;
  }

  private static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

  /**
   * Returns the page for writing, allocating it, marking it dirty for every logging client and
   * invalidating decoded code on it. The caller may keep it as a writable translation until the
   * next {@link WriteProtectListener} call.
   */
  public byte[] pageForWrite(int pageIndex) {
    byte[] page = pages[pageIndex];
    if (page == null) {
      page = allocate(pageIndex);
    }
    dirtyLog.markDirty(pageIndex);
    if (isCodePage(pageIndex)) {
      clearCodePage(pageIndex);
      codeWriteListener.codePageWritten(pageIndex);
    }
    return page;
  }

  private synchronized byte[] allocate(int pageIndex) {
    byte[] page = pages[pageIndex];
    if (page == null) {
      page = new byte[PAGE_SIZE];
      pages[pageIndex] = page;
    }
    return page;
  }

  /** Returns true if the page was ever written (it holds host memory). */
  public boolean isPresent(int pageIndex) {
    return pages[pageIndex] != null;
  }

  /** Drops the page's contents: it reads as zeros again. Used by reset and by loading zero pages. */
  public void discardPage(int pageIndex) {
    if (pages[pageIndex] != null) {
      pages[pageIndex] = null;
      dirtyLog.markDirty(pageIndex);
      if (isCodePage(pageIndex)) {
        clearCodePage(pageIndex);
        codeWriteListener.codePageWritten(pageIndex);
      }
    }
  }

  /** Discards every page (RAM reads as zeros again). */
  public void clear() {
    for (int i = 0; i < pages.length; i++) {
      discardPage(i);
    }
  }

  /** Counts the pages that hold host memory. */
  public long presentPages() {
    long n = 0;
    for (byte[] page : pages) {
      if (page != null) {
        n++;
      }
    }
    return n;
  }

  // ---- code-page tracking (for the hart's decoded-instruction cache) ----

  /** Marks a page as holding decoded code: the next write to it is reported. */
  public void markCodePage(int pageIndex) {
    int word = pageIndex >>> 6;
    long bit = 1L << (pageIndex & 63);
    long w = codePages.get(word);
    while ((w & bit) == 0 && !codePages.compareAndSet(word, w, w | bit)) {
      w = codePages.get(word);
    }
  }

  public boolean isCodePage(int pageIndex) {
    return (codePages.get(pageIndex >>> 6) & (1L << (pageIndex & 63))) != 0;
  }

  private void clearCodePage(int pageIndex) {
    int word = pageIndex >>> 6;
    long bit = 1L << (pageIndex & 63);
    long w = codePages.get(word);
    while ((w & bit) != 0 && !codePages.compareAndSet(word, w, w & ~bit)) {
      w = codePages.get(word);
    }
  }

  /** Forgets every code page (the decoded-instruction cache was flushed). */
  public void clearCodePages() {
    for (int i = 0; i < codePages.length(); i++) {
      codePages.set(i, 0);
    }
  }

  // ---- typed access for devices (DMA) and loaders; paddr is guest-physical ----

  private int pageIndexOf(long paddr) {
    return (int) ((paddr - base) >>> PAGE_SHIFT);
  }

  private static int offsetOf(long paddr) {
    return (int) (paddr & PAGE_MASK);
  }

  /** Copies {@code length} bytes from guest memory at {@code paddr} into {@code dst}. */
  public void read(long paddr, byte[] dst, int dstOffset, int length) {
    checkRange(paddr, length);
    while (length > 0) {
      int offset = offsetOf(paddr);
      int chunk = Math.min(length, PAGE_SIZE - offset);
      byte[] page = pages[pageIndexOf(paddr)];
      if (page == null) {
        java.util.Arrays.fill(dst, dstOffset, dstOffset + chunk, (byte) 0);
      } else {
        System.arraycopy(page, offset, dst, dstOffset, chunk);
      }
      paddr += chunk;
      dstOffset += chunk;
      length -= chunk;
    }
  }

  /** Copies {@code length} bytes from {@code src} into guest memory at {@code paddr} (marks dirty). */
  public void write(long paddr, byte[] src, int srcOffset, int length) {
    checkRange(paddr, length);
    while (length > 0) {
      int offset = offsetOf(paddr);
      int chunk = Math.min(length, PAGE_SIZE - offset);
      byte[] page = pageForWrite(pageIndexOf(paddr));
      System.arraycopy(src, srcOffset, page, offset, chunk);
      paddr += chunk;
      srcOffset += chunk;
      length -= chunk;
    }
  }

  public byte readByte(long paddr) {
    checkRange(paddr, 1);
    return pageForRead(pageIndexOf(paddr))[offsetOf(paddr)];
  }

  public short readShort(long paddr) {
    if (offsetOf(paddr) > PAGE_SIZE - 2) {
      return (short) readStraddling(paddr, 2);
    }
    checkRange(paddr, 2);
    return (short) SHORTS.get(pageForRead(pageIndexOf(paddr)), offsetOf(paddr));
  }

  public int readInt(long paddr) {
    if (offsetOf(paddr) > PAGE_SIZE - 4) {
      return (int) readStraddling(paddr, 4);
    }
    checkRange(paddr, 4);
    return (int) INTS.get(pageForRead(pageIndexOf(paddr)), offsetOf(paddr));
  }

  public long readLong(long paddr) {
    if (offsetOf(paddr) > PAGE_SIZE - 8) {
      return readStraddling(paddr, 8);
    }
    checkRange(paddr, 8);
    return (long) LONGS.get(pageForRead(pageIndexOf(paddr)), offsetOf(paddr));
  }

  public void writeByte(long paddr, byte value) {
    checkRange(paddr, 1);
    pageForWrite(pageIndexOf(paddr))[offsetOf(paddr)] = value;
  }

  public void writeShort(long paddr, short value) {
    writeSized(paddr, 2, value);
  }

  public void writeInt(long paddr, int value) {
    writeSized(paddr, 4, value);
  }

  public void writeLong(long paddr, long value) {
    writeSized(paddr, 8, value);
  }

  /** Reads 1, 2, 4 or 8 bytes, zero-extended. */
  public long readSized(long paddr, int size) {
    switch (size) {
      case 1:
        return readByte(paddr) & 0xFFL;
      case 2:
        return readShort(paddr) & 0xFFFFL;
      case 4:
        return readInt(paddr) & 0xFFFF_FFFFL;
      case 8:
        return readLong(paddr);
      default:
        throw new IllegalArgumentException("access size " + size);
    }
  }

  /** Writes the low 1, 2, 4 or 8 bytes of {@code value}. */
  public void writeSized(long paddr, int size, long value) {
    checkRange(paddr, size);
    int offset = offsetOf(paddr);
    if (offset > PAGE_SIZE - size) {
      for (int i = 0; i < size; i++) {
        writeByte(paddr + i, (byte) (value >>> (8 * i)));
      }
      return;
    }
    byte[] page = pageForWrite(pageIndexOf(paddr));
    switch (size) {
      case 1:
        page[offset] = (byte) value;
        break;
      case 2:
        SHORTS.set(page, offset, (short) value);
        break;
      case 4:
        INTS.set(page, offset, (int) value);
        break;
      case 8:
        LONGS.set(page, offset, value);
        break;
      default:
        throw new IllegalArgumentException("access size " + size);
    }
  }

  private long readStraddling(long paddr, int size) {
    long value = 0;
    for (int i = 0; i < size; i++) {
      value |= (readByte(paddr + i) & 0xFFL) << (8 * i);
    }
    return value;
  }

  private void checkRange(long paddr, long length) {
    if (!contains(paddr, length)) {
      throw new GuestMemoryException(paddr, length);
    }
  }

  // ---- fast accessors for the hart, on a page it already holds ----

  public static long getLong(byte[] page, int offset) {
    return (long) LONGS.get(page, offset);
  }

  public static int getInt(byte[] page, int offset) {
    return (int) INTS.get(page, offset);
  }

  public static short getShort(byte[] page, int offset) {
    return (short) SHORTS.get(page, offset);
  }

  public static void putLong(byte[] page, int offset, long value) {
    LONGS.set(page, offset, value);
  }

  public static void putInt(byte[] page, int offset, int value) {
    INTS.set(page, offset, value);
  }

  public static void putShort(byte[] page, int offset, short value) {
    SHORTS.set(page, offset, value);
  }
}
