package dev.cairn.block.qcow2;

import dev.cairn.block.BlockDriver;
import dev.cairn.block.BlockDrivers;
import dev.cairn.block.BlockException;
import dev.cairn.block.DiskSnapshot;
import dev.cairn.block.ImageLock;
import dev.cairn.block.InternalSnapshots;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A qcow2 image (versions 2 and 3): guest clusters mapped through a two-level table (L1, L2) to
 * host clusters that are allocated on first write, shared with internal snapshots and copied
 * before a shared one is written. Reference: QEMU {@code docs/interop/qcow2.txt}.
 *
 * <p>Metadata is written through as soon as it changes, in an order that keeps the image valid
 * for a process killed at any point: a new cluster's count is set, then its contents written, then
 * the table entry pointing at it; an old cluster is released only after nothing points at it. A
 * flush ({@link #flush()}) makes all of it durable with one fsync. Methods are synchronized:
 * the vCPU thread does I/O, other threads flush and snapshot while the VM is paused.
 */
public final class Qcow2Image implements BlockDriver, InternalSnapshots {

  static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
  static final long COPIED = 1L << 63;
  static final long COMPRESSED = 1L << 62;
  static final long ZERO = 1L;
  private static final int L2_CACHE_TABLES = 64;

  final Path file;
  final FileChannel ch;
  final boolean readOnly;
  final Qcow2Header header;
  final int clusterBits;
  final int clusterSize;
  final int l2Bits;
  long[] l1;
  final Qcow2Refcounts refcounts;
  final List<Qcow2SnapshotTable.Entry> snapshotEntries;
  private final BlockDriver backing;
  private final Map<Long, long[]> l2Cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
          return size() > L2_CACHE_TABLES;
        }
      };

  private Qcow2Image(Path file, FileChannel ch, boolean readOnly) throws BlockException {
    this.file = file;
    this.ch = ch;
    this.readOnly = readOnly;
    this.header = Qcow2Header.read(ch, file);
    this.clusterBits = header.clusterBits;
    this.clusterSize = 1 << clusterBits;
    this.l2Bits = clusterBits - 3;
    this.refcounts = new Qcow2Refcounts(ch, file, header, l2Cache::remove);
    this.l1 = readL1(header.l1TableOffset, header.l1Size);
    this.snapshotEntries = Qcow2SnapshotTable.read(this);
    this.backing = openBacking();
    if (!readOnly && (header.incompatibleFeatures & Qcow2Header.INCOMPAT_DIRTY) != 0) {
      // A process died in the middle of a snapshot operation (or QEMU with lazy refcounts):
      // recount and fix before the first write, as QEMU does when it opens a dirty image.
      new Qcow2Check(this).repair();
      clearDirty();
    }
    if (!readOnly && header.autoclearFeatures != 0) {
      // Autoclear bits promise that extra data (bitmaps) matches the image; Cairn does not keep
      // them in step, so it must clear them before its first write (qcow2.txt).
      header.autoclearFeatures = 0;
      writeMeta(ByteBuffer.allocate(8), Qcow2Header.OFF_AUTOCLEAR, "header");
    }
  }

  /**
   * Opens an existing qcow2 image and, read-only, its backing file.
   *
   * @throws BlockException naming the file if it is missing, not qcow2, uses a feature Cairn does
   *     not support, or its metadata points outside the file
   */
  public static Qcow2Image open(Path file, boolean readOnly) throws BlockException {
    FileChannel ch;
    try {
      ch = readOnly
          ? FileChannel.open(file, StandardOpenOption.READ)
          : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      throw new BlockException("disk image " + file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new BlockException("disk image " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new BlockException("cannot open disk image " + file + ": " + e.getMessage(), e);
    }
    try {
      if (!readOnly) {
        ImageLock.lockForWriting(ch, file);
      }
      return new Qcow2Image(file, ch, readOnly);
    } catch (BlockException | RuntimeException e) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw e;
    }
  }

  private BlockDriver openBacking() throws BlockException {
    if (header.backingFile == null) {
      return null;
    }
    Path parent = file.toAbsolutePath().getParent();
    Path path = parent.resolve(header.backingFile);
    try {
      return BlockDrivers.open(path, header.backingFormat, true);
    } catch (BlockException e) {
      throw new BlockException("cannot open the backing file of " + file + ": " + e.getMessage(),
          e);
    }
  }

  long[] readL1(long offset, int entries) throws BlockException {
    ByteBuffer b = ByteBuffer.allocate(entries * 8);
    readMeta(b, offset, "L1 table");
    long[] t = new long[entries];
    for (int i = 0; i < entries; i++) {
      t[i] = b.getLong(i * 8);
    }
    return t;
  }

  // ---- BlockDriver ----

  @Override
  public long size() {
    return header.size;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public String format() {
    return "qcow2";
  }

  @Override
  public Path file() {
    return file;
  }

  /** The backing image, or null. */
  public BlockDriver backing() {
    return backing;
  }

  public int clusterSize() {
    return clusterSize;
  }

  public int version() {
    return header.version;
  }

  @Override
  public synchronized void read(long offset, byte[] dst, int off, int len) throws BlockException {
    checkRange(offset, len);
    while (len > 0) {
      int in = (int) (offset & (clusterSize - 1));
      int n = Math.min(len, clusterSize - in);
      long entry = l2Entry(offset);
      if (isPlainData(entry)) {
        // Guest clusters that follow each other on the host too are read with one call.
        long host = (entry & OFFSET_MASK) + in;
        while (n < len && isPlainData(l2Entry(offset + n))
            && (l2Entry(offset + n) & OFFSET_MASK) == host + n) {
          n += Math.min(clusterSize, len - n);
        }
        try {
          Qcow2Io.readZeroPadded(ch, ByteBuffer.wrap(dst, off, n), host);
        } catch (IOException e) {
          throw new BlockException("read at offset " + offset + " from " + file + " failed: "
              + e, e);
        }
      } else {
        readPiece(offset, entry, dst, off, n);
      }
      offset += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public synchronized boolean knownZero(long offset, long len) throws BlockException {
    checkRange(offset, len);
    for (long at = offset & -clusterSize; at < offset + len; at += clusterSize) {
      long entry = l2Entry(at);
      boolean zeroCluster = (entry & COMPRESSED) == 0 && (entry & ZERO) != 0
          && header.version >= 3;
      // Unallocated clusters read from the backing file, which may hold anything.
      boolean unallocated = (entry & COMPRESSED) == 0 && (entry & OFFSET_MASK) == 0
          && backing == null;
      if (!zeroCluster && !unallocated) {
        return false;
      }
    }
    return true;
  }

  /** An allocated, uncompressed cluster that does not read as zeros. */
  private boolean isPlainData(long entry) {
    return (entry & COMPRESSED) == 0 && (entry & OFFSET_MASK) != 0
        && ((entry & ZERO) == 0 || header.version < 3);
  }

  /** Reads {@code n} bytes of one guest cluster, described by its L2 entry. */
  private void readPiece(long offset, long entry, byte[] dst, int off, int n)
      throws BlockException {
    int in = (int) (offset & (clusterSize - 1));
    if ((entry & COMPRESSED) != 0) {
      System.arraycopy(decompress(entry), in, dst, off, n);
    } else if ((entry & ZERO) != 0 && header.version >= 3) {
      Arrays.fill(dst, off, off + n, (byte) 0);
    } else if ((entry & OFFSET_MASK) == 0) {
      readBacking(offset, dst, off, n);
    } else {
      try {
        Qcow2Io.readZeroPadded(ch, ByteBuffer.wrap(dst, off, n), (entry & OFFSET_MASK) + in);
      } catch (IOException e) {
        throw new BlockException("read at offset " + offset + " from " + file + " failed: " + e,
            e);
      }
    }
  }

  private void readBacking(long offset, byte[] dst, int off, int n) throws BlockException {
    long avail = backing == null ? 0 : Math.max(0, Math.min(n, backing.size() - offset));
    if (avail > 0) {
      backing.read(offset, dst, off, (int) avail);
    }
    Arrays.fill(dst, off + (int) avail, off + n, (byte) 0);
  }

  private byte[] decompress(long entry) throws BlockException {
    int x = 62 - (clusterBits - 8);
    long hostOffset = entry & ((1L << x) - 1);
    long sectors = ((entry >>> x) & ((1L << (clusterBits - 8)) - 1)) + 1;
    int length = (int) (sectors * 512 - (hostOffset & 511));
    ByteBuffer in = ByteBuffer.allocate(length);
    byte[] out = new byte[clusterSize];
    try {
      Qcow2Io.readZeroPadded(ch, in, hostOffset);
      Inflater inflater = new Inflater(true);
      try {
        inflater.setInput(in.array());
        int got = 0;
        while (got < clusterSize && !inflater.finished()) {
          int n = inflater.inflate(out, got, clusterSize - got);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            break;
          }
          got += n;
        }
        if (got != clusterSize) {
          throw Qcow2Header.corrupt(file, "compressed cluster at 0x"
              + Long.toHexString(hostOffset) + " inflates to " + got + " bytes");
        }
      } finally {
        inflater.end();
      }
    } catch (IOException e) {
      throw new BlockException("reading a compressed cluster of " + file + " failed: " + e, e);
    } catch (DataFormatException e) {
      throw Qcow2Header.corrupt(file, "compressed cluster at 0x" + Long.toHexString(hostOffset)
          + " is not valid deflate data");
    }
    return out;
  }

  @Override
  public synchronized void write(long offset, byte[] src, int off, int len)
      throws BlockException {
    if (readOnly) {
      throw new BlockException("disk image " + file + " is read-only");
    }
    checkRange(offset, len);
    while (len > 0) {
      int in = (int) (offset & (clusterSize - 1));
      int n = Math.min(len, clusterSize - in);
      writePiece(offset, src, off, n);
      offset += n;
      off += n;
      len -= n;
    }
  }

  private void writePiece(long offset, byte[] src, int off, int n) throws BlockException {
    int l1Index = (int) (offset >>> (clusterBits + l2Bits));
    int l2Index = (int) ((offset >>> clusterBits) & ((1 << l2Bits) - 1));
    long[] l2 = l2ForWrite(l1Index);
    long entry = l2[l2Index];
    int in = (int) (offset & (clusterSize - 1));
    boolean inPlace = (entry & COPIED) != 0 && (entry & (COMPRESSED | ZERO)) == 0
        && (entry & OFFSET_MASK) != 0;
    if (inPlace) {
      writeData(ByteBuffer.wrap(src, off, n), (entry & OFFSET_MASK) + in);
      return;
    }
    long fresh = refcounts.allocate(1);
    long fileSize = fileSize();
    boolean oldReadsZero = (entry & COMPRESSED) == 0
        && ((entry & ZERO) != 0 && header.version >= 3
            || (entry & OFFSET_MASK) == 0 && backing == null);
    if (oldReadsZero && fresh >= fileSize) {
      // A cluster past the end of the file is a hole: write only the new bytes, keep it sparse.
      writeData(ByteBuffer.wrap(src, off, n), fresh + in);
      if (fresh + in + n < fresh + clusterSize) {
        writeData(ByteBuffer.allocate(1), fresh + clusterSize - 1);
      }
    } else {
      byte[] cluster = new byte[clusterSize];
      if (!oldReadsZero && n < clusterSize) {
        readPiece(offset - in, entry, cluster, 0, clusterSize);
      }
      System.arraycopy(src, off, cluster, in, n);
      writeData(ByteBuffer.wrap(cluster), fresh);
    }
    setL2Entry(l1Index, l2, l2Index, fresh | COPIED);
    release(entry);
  }

  /** Drops the reference a replaced L2 entry held on its host cluster(s). */
  void release(long entry) throws BlockException {
    if ((entry & COMPRESSED) != 0) {
      for (long c : compressedClusters(entry)) {
        refcounts.update(c, -1);
      }
    } else if ((entry & OFFSET_MASK) != 0) {
      refcounts.update(entry & OFFSET_MASK, -1);
    }
  }

  /** Host clusters that hold the data of a compressed L2 entry. */
  long[] compressedClusters(long entry) {
    int x = 62 - (clusterBits - 8);
    long hostOffset = entry & ((1L << x) - 1);
    long sectors = ((entry >>> x) & ((1L << (clusterBits - 8)) - 1)) + 1;
    long last = ((hostOffset & ~511L) + sectors * 512 - 1) >>> clusterBits;
    long first = hostOffset >>> clusterBits;
    long[] out = new long[(int) (last - first + 1)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (first + i) << clusterBits;
    }
    return out;
  }

  @Override
  public synchronized void writeZeroes(long offset, long len) throws BlockException {
    if (readOnly) {
      throw new BlockException("disk image " + file + " is read-only");
    }
    checkRange(offset, 0);
    if (len > header.size - offset) {
      throw new BlockException("zeroing " + len + " bytes at " + offset + " runs past the end of "
          + file);
    }
    byte[] zeros = null;
    while (len > 0) {
      int in = (int) (offset & (clusterSize - 1));
      int n = (int) Math.min(len, clusterSize - in);
      if (n == clusterSize && (header.version >= 3 || backing == null)) {
        zeroCluster(offset);
      } else {
        if (zeros == null) {
          zeros = new byte[clusterSize];
        }
        writePiece(offset, zeros, 0, n);
      }
      offset += n;
      len -= n;
    }
  }

  /** Makes a whole guest cluster read as zeros, releasing its host cluster. */
  private void zeroCluster(long offset) throws BlockException {
    int l1Index = (int) (offset >>> (clusterBits + l2Bits));
    int l2Index = (int) ((offset >>> clusterBits) & ((1 << l2Bits) - 1));
    long target = backing == null ? 0 : ZERO;
    if (l1[l1Index] == 0 && target == 0) {
      return; // no L2 table: already unallocated and reads as zeros
    }
    long[] l2 = l2ForWrite(l1Index);
    long entry = l2[l2Index];
    if (entry == target) {
      return;
    }
    setL2Entry(l1Index, l2, l2Index, target);
    release(entry);
  }

  @Override
  public void discard(long offset, long len) throws BlockException {
    // Only whole clusters can be given back; partial ones keep their data, which discard allows.
    long start = (offset + clusterSize - 1) & -clusterSize;
    long end = Math.min(offset + len, header.size) & -clusterSize;
    if (end > start) {
      writeZeroes(start, end - start);
    }
  }

  @Override
  public synchronized void flush() throws BlockException {
    if (readOnly) {
      return;
    }
    try {
      ch.force(true);
    } catch (IOException e) {
      throw new BlockException("flush of " + file + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws BlockException {
    try {
      ch.close();
      if (backing != null) {
        backing.close();
      }
    } catch (IOException e) {
      throw new BlockException("closing " + file + " failed: " + e.getMessage(), e);
    }
  }

  // ---- the mapping ----

  /** The L2 entry for guest byte {@code offset}; 0 (unallocated) if no L2 table exists. */
  private long l2Entry(long offset) throws BlockException {
    int l1Index = (int) (offset >>> (clusterBits + l2Bits));
    long l2Offset = l1[l1Index] & OFFSET_MASK;
    if (l2Offset == 0) {
      return 0;
    }
    return loadL2(l2Offset)[(int) ((offset >>> clusterBits) & ((1 << l2Bits) - 1))];
  }

  long[] loadL2(long l2Offset) throws BlockException {
    long[] cached = l2Cache.get(l2Offset);
    if (cached != null) {
      return cached;
    }
    refcounts.checkOffset(l2Offset, "L2 table");
    ByteBuffer b = ByteBuffer.allocate(clusterSize);
    readMeta(b, l2Offset, "L2 table");
    long[] table = new long[clusterSize / 8];
    b.asLongBuffer().get(table);
    l2Cache.put(l2Offset, table);
    return table;
  }

  /** The L2 table for {@code l1Index}, made private to the active L1 (allocated or copied). */
  private long[] l2ForWrite(int l1Index) throws BlockException {
    long l1Entry = l1[l1Index];
    long l2Offset = l1Entry & OFFSET_MASK;
    if (l2Offset != 0 && (l1Entry & COPIED) != 0) {
      return loadL2(l2Offset);
    }
    long[] table = l2Offset == 0 ? new long[clusterSize / 8] : loadL2(l2Offset).clone();
    long fresh = refcounts.allocate(1);
    writeL2(fresh, table);
    l1[l1Index] = fresh | COPIED;
    writeL1Entry(l1Index);
    if (l2Offset != 0) {
      refcounts.update(l2Offset, -1);
    }
    return table;
  }

  void writeL2(long l2Offset, long[] table) throws BlockException {
    ByteBuffer b = ByteBuffer.allocate(clusterSize);
    b.asLongBuffer().put(table);
    writeMeta(b, l2Offset, "L2 table");
    l2Cache.put(l2Offset, table);
  }

  private void setL2Entry(int l1Index, long[] l2, int l2Index, long entry) throws BlockException {
    l2[l2Index] = entry;
    ByteBuffer b = ByteBuffer.allocate(8).putLong(0, entry);
    writeMeta(b, (l1[l1Index] & OFFSET_MASK) + 8L * l2Index, "L2 table");
  }

  void writeL1Entry(int index) throws BlockException {
    ByteBuffer b = ByteBuffer.allocate(8).putLong(0, l1[index]);
    writeMeta(b, header.l1TableOffset + 8L * index, "L1 table");
  }

  // ---- helpers for the snapshot and check code ----

  /**
   * Sets the dirty bit (version 3) and makes it durable before a multi-step metadata change that
   * a crash could leave half done; {@link #clearDirty} after it completes.
   */
  void markDirty() throws BlockException {
    if (header.version < 3) {
      return; // version 2 has no such bit; see docs/decisions on the remaining window
    }
    header.incompatibleFeatures |= Qcow2Header.INCOMPAT_DIRTY;
    writeIncompatible();
  }

  void clearDirty() throws BlockException {
    if (header.version < 3 || (header.incompatibleFeatures & Qcow2Header.INCOMPAT_DIRTY) == 0) {
      return;
    }
    flush(); // every metadata write of the operation first, then the bit
    header.incompatibleFeatures &= ~Qcow2Header.INCOMPAT_DIRTY;
    writeIncompatible();
  }

  private void writeIncompatible() throws BlockException {
    writeMeta(ByteBuffer.allocate(8).putLong(0, header.incompatibleFeatures),
        Qcow2Header.OFF_INCOMPATIBLE, "header");
    try {
      ch.force(false);
    } catch (IOException e) {
      throw new BlockException("flush of " + file + " failed: " + e.getMessage(), e);
    }
  }

  long fileSize() throws BlockException {
    try {
      return ch.size();
    } catch (IOException e) {
      throw new BlockException("cannot stat " + file + ": " + e, e);
    }
  }

  void readMeta(ByteBuffer b, long pos, String what) throws BlockException {
    try {
      Qcow2Io.readFully(ch, b, pos);
      b.flip();
    } catch (IOException e) {
      throw Qcow2Header.corrupt(file, "cannot read the " + what + " at 0x" + Long.toHexString(pos)
          + ": " + e.getMessage());
    }
  }

  void writeMeta(ByteBuffer b, long pos, String what) throws BlockException {
    try {
      Qcow2Io.writeFully(ch, b, pos);
    } catch (IOException e) {
      throw new BlockException("writing the " + what + " of " + file + " failed: " + e, e);
    }
  }

  private void writeData(ByteBuffer b, long pos) throws BlockException {
    try {
      Qcow2Io.writeFully(ch, b, pos);
    } catch (IOException e) {
      throw new BlockException("write to " + file + " failed: " + e.getMessage(), e);
    }
  }

  private void checkRange(long offset, long len) throws BlockException {
    if (offset < 0 || len < 0 || offset > header.size - len) {
      throw new BlockException("access of " + len + " bytes at offset " + offset
          + " is outside " + file + " (size " + header.size + ")");
    }
  }

  // ---- InternalSnapshots ----

  @Override
  public synchronized List<DiskSnapshot> snapshots() {
    return snapshotEntries.stream().map(Qcow2SnapshotTable.Entry::info).toList();
  }

  @Override
  public synchronized DiskSnapshot createSnapshot(String name, long vmClockNanos)
      throws BlockException {
    requireWritable();
    return new Qcow2Snapshots(this).create(name, vmClockNanos);
  }

  @Override
  public synchronized void applySnapshot(String nameOrId) throws BlockException {
    requireWritable();
    new Qcow2Snapshots(this).apply(nameOrId);
  }

  @Override
  public synchronized void renameSnapshot(String nameOrId, String newName)
      throws BlockException {
    requireWritable();
    new Qcow2Snapshots(this).rename(nameOrId, newName);
  }

  @Override
  public synchronized void deleteSnapshot(String nameOrId) throws BlockException {
    requireWritable();
    new Qcow2Snapshots(this).delete(nameOrId);
  }

  /** Checks the image's consistency like {@code qemu-img check}, changing nothing. */
  public synchronized Qcow2Check.Result check() throws BlockException {
    return new Qcow2Check(this).run();
  }

  private void requireWritable() throws BlockException {
    if (readOnly) {
      throw new BlockException("disk image " + file + " is open read-only");
    }
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
