package dev.cairn.migration.disk;

import dev.cairn.block.BlockException;
import dev.cairn.block.BlockWriteListener;
import dev.cairn.block.DriveRegistry;
import dev.cairn.migration.live.LiveSection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One drive as a live section of a storage migration. The first pass sends every block (all-zero
 * blocks as a flag); the guest's writes meanwhile mark blocks dirty, and each later pass sends
 * those again; the final pass, with the guest paused and the drives flushed, sends what is left.
 * Blocks are read on the migration thread while the vCPU writes: a write is reported after it
 * reached the image, so a block read before a write is always marked again.
 */
public final class DiskSaver implements LiveSection, BlockWriteListener {

  /** Zero blocks read without sending anything, per chunk, so a pass keeps interleaving. */
  private static final int MAX_SCANNED_PER_CHUNK = 256;

  private final int instance;
  private final DriveRegistry.Drive drive;
  private final long size;
  private final int blockSize;
  private final long blocks;
  private final Object lock = new Object();
  private final BitSet dirty = new BitSet(); // written since the last sync; guarded by lock
  private final BitSet pending = new BitSet(); // to send in this pass; migration thread only
  private final byte[] zeroBlock;
  private int cursor;
  private volatile long sentBytes;
  private volatile long pendingBlocks;

  /**
   * @param instance the drive's position among the VM's drives (the destination's match)
   * @param drive a writable drive
   */
  public DiskSaver(int instance, DriveRegistry.Drive drive) {
    this(instance, drive, DiskSection.BLOCK_SIZE);
  }

  DiskSaver(int instance, DriveRegistry.Drive drive, int blockSize) {
    this.instance = instance;
    this.drive = drive;
    this.size = drive.driver().size();
    this.blockSize = blockSize;
    this.blocks = DiskSection.blockCount(size, blockSize);
    this.zeroBlock = new byte[blockSize];
    if (blocks > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("drive " + drive.id() + " is too large to migrate");
    }
  }

  @Override
  public String name() {
    return DiskSection.NAME;
  }

  @Override
  public int instance() {
    return instance;
  }

  @Override
  public int version() {
    return DiskSection.VERSION;
  }

  @Override
  public byte[] setup() {
    drive.addWriteListener(this);
    pending.set(0, (int) blocks);
    pendingBlocks = blocks;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(drive.id());
      out.writeUTF(drive.driver().format());
      out.writeLong(size);
      out.writeInt(blockSize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void written(long offset, long len) {
    if (len <= 0 || offset >= size) {
      return;
    }
    int first = (int) (offset / blockSize);
    int end = (int) DiskSection.blockCount(Math.min(size, offset + len), blockSize);
    synchronized (lock) {
      dirty.set(first, end);
    }
  }

  @Override
  public byte[] nextChunk(int maxBytes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    byte[] block = new byte[blockSize];
    int count = 0;
    int scanned = 0;
    try {
      out.writeInt(0); // the count, patched below
      while (out.size() < maxBytes && scanned < MAX_SCANNED_PER_CHUNK) {
        int index = pending.nextSetBit(cursor);
        if (index < 0) {
          break;
        }
        pending.clear(index);
        cursor = index + 1;
        int len = DiskSection.blockLength(size, index, blockSize);
        long offset = (long) index * blockSize;
        out.writeLong(index);
        count++;
        if (drive.driver().knownZero(offset, len)) {
          // The empty part of a sparse disk: nothing to read, so it does not count against the
          // scan limit.
          out.writeByte(DiskSection.ZERO);
          continue;
        }
        scanned++;
        drive.driver().read(offset, block, 0, len);
        if (isZero(block, len)) {
          out.writeByte(DiskSection.ZERO);
        } else {
          out.writeByte(DiskSection.DATA);
          out.write(block, 0, len);
        }
      }
    } catch (BlockException e) {
      throw new UncheckedIOException(new IOException("drive " + drive.id() + ": " + e.getMessage(),
          e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pendingBlocks = pending.cardinality();
    if (count == 0) {
      return new byte[0];
    }
    byte[] payload = bytes.toByteArray();
    payload[0] = (byte) (count >>> 24);
    payload[1] = (byte) (count >>> 16);
    payload[2] = (byte) (count >>> 8);
    payload[3] = (byte) count;
    sentBytes += payload.length;
    return payload;
  }

  private boolean isZero(byte[] block, int len) {
    return Arrays.equals(block, 0, len, zeroBlock, 0, len);
  }

  @Override
  public long syncDirty() {
    synchronized (lock) {
      pending.or(dirty);
      dirty.clear();
    }
    cursor = 0;
    pendingBlocks = pending.cardinality();
    return pendingBlocks;
  }

  @Override
  public long pendingBytes() {
    return pendingBlocks * blockSize;
  }

  /** Section bytes produced so far (for {@code info migrate}'s disk counters). */
  public long sentBytes() {
    return sentBytes;
  }

  /** The drive's virtual size. */
  public long totalBytes() {
    return size;
  }

  @Override
  public void finish() {
    drive.removeWriteListener(this);
  }
}
