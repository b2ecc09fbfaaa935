package dev.cairn.block.qcow2;

import dev.cairn.block.BlockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The reference counts of a qcow2 image's host clusters (16-bit entries in refcount blocks, found
 * through the refcount table) and the cluster allocator built on them. Reference: QEMU
 * {@code docs/interop/qcow2.txt}, "Host cluster management".
 *
 * <p>Every change is written through at once. Allocation sets a count before the caller makes
 * anything point at the cluster, and frees happen after the last pointer is gone, so a process
 * killed at any instant leaves counts that are too high (leaks) but never too low.
 */
final class Qcow2Refcounts {

  static final int MAX_REFCOUNT = 0xFFFF;
  private static final int CACHE_BLOCKS = 256;

  private final FileChannel ch;
  private final Path file;
  private final int clusterBits;
  private final int clusterSize;
  /** log2 of the entries per refcount block (16-bit entries). */
  private final int blockBits;
  private final LongConsumer onFree;
  private long[] table;
  private long tableOffset;
  private final Map<Long, char[]> blocks =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, char[]> eldest) {
          return size() > CACHE_BLOCKS;
        }
      };
  /** Blocks changed in memory during a batch, written out when it ends; null outside one. */
  private java.util.Set<Long> batchDirty;

  /**
   * Starts a batch: count changes stay in memory until {@link #endBatch}, which writes each
   * changed block once. Only for operations run under the image's dirty bit, which a crash
   * leaves set so that the next open recounts.
   */
  void beginBatch() {
    batchDirty = new java.util.HashSet<>();
  }

  /** Writes the blocks changed since {@link #beginBatch} and ends the batch. */
  void endBatch() throws BlockException {
    java.util.Set<Long> dirty = batchDirty;
    batchDirty = null;
    if (dirty == null) {
      return;
    }
    for (long index : dirty) {
      char[] block = pinned.get(index);
      ByteBuffer b = ByteBuffer.allocate(clusterSize);
      b.asCharBuffer().put(block);
      write(b, table[(int) index], "refcount block");
    }
    pinned.clear();
  }

  /** Blocks changed in the running batch, kept out of the cache's eviction. */
  private final Map<Long, char[]> pinned = new java.util.HashMap<>();

  /** No cluster below this index is free (clusters found free are searched from here). */
  private long freeHint;

  /**
   * @param onFree told the byte offset of each cluster whose count drops to zero, so caches of
   *     what lived there can be dropped
   */
  Qcow2Refcounts(FileChannel ch, Path file, Qcow2Header h, LongConsumer onFree)
      throws BlockException {
    this.ch = ch;
    this.file = file;
    this.clusterBits = h.clusterBits;
    this.clusterSize = 1 << clusterBits;
    this.blockBits = clusterBits - 1;
    this.onFree = onFree;
    this.tableOffset = h.refcountTableOffset;
    this.table = readTable(h.refcountTableOffset, h.refcountTableClusters);
  }

  private long[] readTable(long offset, int clusters) throws BlockException {
    ByteBuffer b = ByteBuffer.allocate(clusters << clusterBits);
    try {
      Qcow2Io.readFully(ch, b, offset);
    } catch (IOException e) {
      throw new BlockException("cannot read the refcount table of " + file + ": " + e, e);
    }
    b.flip();
    long[] t = new long[b.remaining() / 8];
    for (int i = 0; i < t.length; i++) {
      t[i] = b.getLong() & Qcow2Image.OFFSET_MASK;
    }
    return t;
  }

  long tableOffset() {
    return tableOffset;
  }

  int tableClusters() {
    return (table.length * 8) >> clusterBits;
  }

  /** Offsets of the refcount blocks (0 where none is allocated). */
  long[] tableEntries() {
    return table.clone();
  }

  /** The count of the cluster at byte offset {@code offset}; 0 where no block covers it. */
  int get(long offset) throws BlockException {
    long cluster = offset >>> clusterBits;
    char[] block = block(cluster >>> blockBits);
    return block == null ? 0 : block[(int) (cluster & ((1L << blockBits) - 1))];
  }

  private char[] block(long index) throws BlockException {
    if (index >= table.length || table[(int) index] == 0) {
      return null;
    }
    char[] cached = blocks.get(index);
    if (cached == null) {
      cached = pinned.get(index);
      if (cached != null) {
        blocks.put(index, cached);
      }
    }
    if (cached != null) {
      return cached;
    }
    long offset = table[(int) index];
    checkOffset(offset, "refcount block");
    ByteBuffer b = ByteBuffer.allocate(clusterSize);
    try {
      Qcow2Io.readFully(ch, b, offset);
    } catch (IOException e) {
      throw new BlockException("cannot read a refcount block of " + file + ": " + e, e);
    }
    b.flip();
    char[] block = new char[clusterSize / 2];
    b.asCharBuffer().get(block);
    blocks.put(index, block);
    return block;
  }

  void checkOffset(long offset, String what) throws BlockException {
    long size;
    try {
      size = ch.size();
    } catch (IOException e) {
      throw new BlockException("cannot stat " + file + ": " + e, e);
    }
    if ((offset & (clusterSize - 1)) != 0 || offset > size - clusterSize) {
      throw Qcow2Header.corrupt(file, what + " at offset 0x" + Long.toHexString(offset)
          + (offset > size - clusterSize ? " lies past the end of the file" : " is not aligned"));
    }
  }

  /** Adds {@code delta} to the count of the cluster at {@code offset}; frees it at zero. */
  void update(long offset, int delta) throws BlockException {
    int old = get(offset);
    int now = old + delta;
    if (now > MAX_REFCOUNT) {
      throw new BlockException("refcount overflow in " + file + ": cluster at 0x"
          + Long.toHexString(offset) + " is already referenced " + old + " times");
    }
    if (now < 0) {
      throw Qcow2Header.corrupt(file, "refcount of the cluster at 0x" + Long.toHexString(offset)
          + " would drop below zero");
    }
    set(offset >>> clusterBits, now);
    if (now == 0) {
      freeHint = Math.min(freeHint, offset >>> clusterBits);
      onFree.accept(offset);
    }
  }

  /**
   * Allocates {@code n} contiguous free clusters, sets their counts to 1 and returns the byte
   * offset of the first. The clusters' contents are whatever the file held there.
   */
  long allocate(int n) throws BlockException {
    long first = findFree(n);
    for (int i = 0; i < n; i++) {
      set(first + i, 1);
    }
    return first << clusterBits;
  }

  /** Finds a free run and moves the hint past it, so nested allocations do not pick it too. */
  private long findFree(int n) throws BlockException {
    long start = freeHint;
    int run = 0;
    for (long c = start; ; c++) {
      if (get(c << clusterBits) == 0) {
        if (run == 0) {
          start = c;
        }
        if (++run == n) {
          freeHint = start + n;
          return start;
        }
      } else {
        run = 0;
      }
    }
  }

  private void set(long cluster, int value) throws BlockException {
    long index = cluster >>> blockBits;
    if (index >= table.length) {
      growTable(index);
    }
    if (table[(int) index] == 0) {
      allocateBlock(index);
    }
    char[] block = block(index);
    int slot = (int) (cluster & ((1L << blockBits) - 1));
    block[slot] = (char) value;
    if (batchDirty != null) {
      batchDirty.add(index);
      pinned.put(index, block);
      return;
    }
    ByteBuffer b = ByteBuffer.allocate(2).putChar(0, (char) value);
    write(b, table[(int) index] + 2L * slot, "refcount block");
  }

  /** Puts a new, empty refcount block for range {@code index} into the table. */
  private void allocateBlock(long index) throws BlockException {
    long at = findFree(1);
    char[] block = new char[clusterSize / 2];
    boolean self = (at >>> blockBits) == index;
    if (self) {
      block[(int) (at & ((1L << blockBits) - 1))] = 1;
    }
    ByteBuffer b = ByteBuffer.allocate(clusterSize);
    b.asCharBuffer().put(block);
    write(b, at << clusterBits, "refcount block");
    blocks.put(index, block);
    table[(int) index] = at << clusterBits;
    writeTableEntry((int) index);
    if (!self) {
      set(at, 1);
    }
  }

  private void writeTableEntry(int index) throws BlockException {
    ByteBuffer b = ByteBuffer.allocate(8).putLong(0, table[index]);
    write(b, tableOffset + 8L * index, "refcount table");
  }

  /**
   * Moves the refcount table to a larger place so that it has an entry for {@code index}. The
   * new table is complete on disk before the header points at it; the old one is freed last.
   */
  private void growTable(long index) throws BlockException {
    int perCluster = clusterSize / 8;
    long entries = Math.max(index + 1, (long) table.length * 2);
    long clusters = (entries + perCluster - 1) / perCluster;
    if (clusters > (1 << 23) >> (clusterBits - 9)) {
      throw new BlockException(file + " is full: its refcount table cannot grow further");
    }
    long oldOffset = tableOffset;
    int oldClusters = tableClusters();
    long at = findFree((int) clusters);
    long[] grown = java.util.Arrays.copyOf(table, (int) (clusters * perCluster));
    ByteBuffer b = ByteBuffer.allocate((int) (clusters << clusterBits));
    for (long e : grown) {
      b.putLong(e);
    }
    b.flip();
    write(b, at << clusterBits, "refcount table");
    table = grown;
    tableOffset = at << clusterBits;
    for (long c = at; c < at + clusters; c++) {
      set(c, 1); // may add blocks, whose entries land in the new table
    }
    ByteBuffer h = ByteBuffer.allocate(12).putLong(0, tableOffset).putInt(8, (int) clusters);
    write(h, Qcow2Header.OFF_REFCOUNT_TABLE, "header");
    for (int i = 0; i < oldClusters; i++) {
      update(oldOffset + ((long) i << clusterBits), -1);
    }
  }

  private void write(ByteBuffer b, long pos, String what) throws BlockException {
    try {
      Qcow2Io.writeFully(ch, b, pos);
    } catch (IOException e) {
      throw new BlockException("writing the " + what + " of " + file + " failed: " + e, e);
    }
  }
}
