package dev.cairn.migration.disk;

import dev.cairn.block.BlockDriver;
import dev.cairn.block.BlockException;
import dev.cairn.block.DriveRegistry;
import java.io.DataInput;
import java.io.IOException;

/**
 * The incoming side of one drive's "block" section: checks the sender's drive against this one
 * (same id, format and size, writable) before writing anything, then writes each block as it
 * arrives, and flushes at the end. The drive is the one the user created for the incoming VM, as
 * with QEMU's {@code -b}.
 */
public final class DiskLoader {

  private final DriveRegistry.Drive drive;
  private int blockSize;
  private long size;
  private boolean started;

  public DiskLoader(DriveRegistry.Drive drive) {
    this.drive = drive;
  }

  /**
   * Reads the START payload and checks it against this drive.
   *
   * @throws DiskSectionException naming the mismatch; nothing has been written
   */
  public void loadHeader(DataInput in) throws IOException {
    String id = in.readUTF();
    String format = in.readUTF();
    long sentSize = in.readLong();
    int sentBlockSize = in.readInt();
    BlockDriver disk = drive.driver();
    if (!id.equals(drive.id())) {
      throw new DiskSectionException("drive '" + id + "' arrives where this VM has drive '"
          + drive.id() + "'");
    }
    if (sentSize != disk.size()) {
      throw new DiskSectionException("drive '" + id + "' is " + sentSize
          + " bytes on the source but " + disk.size() + " bytes here");
    }
    if (!format.equals(disk.format())) {
      throw new DiskSectionException("drive '" + id + "' is " + format
          + " on the source but " + disk.format() + " here");
    }
    if (disk.readOnly()) {
      throw new DiskSectionException("drive '" + id + "' is read-only here");
    }
    if (sentBlockSize <= 0 || sentBlockSize % 512 != 0 || sentBlockSize > (16 << 20)) {
      throw new DiskSectionException("drive '" + id + "': bad block size " + sentBlockSize);
    }
    blockSize = sentBlockSize;
    size = sentSize;
    started = true;
  }

  /** Writes the blocks of one PART payload. */
  public void loadChunk(DataInput in) throws IOException {
    if (!started) {
      throw new DiskSectionException("drive '" + drive.id() + "': blocks before the header");
    }
    BlockDriver disk = drive.driver();
    long blocks = DiskSection.blockCount(size, blockSize);
    byte[] block = new byte[blockSize];
    int count = in.readInt();
    try {
      for (int i = 0; i < count; i++) {
        long index = in.readLong();
        if (index < 0 || index >= blocks) {
          throw new DiskSectionException("drive '" + drive.id() + "': block " + index
              + " is outside the drive");
        }
        byte kind = in.readByte();
        int len = DiskSection.blockLength(size, index, blockSize);
        long offset = index * blockSize;
        if (kind == DiskSection.ZERO) {
          if (!disk.knownZero(offset, len)) { // a fresh disk is: then nothing is written
            disk.writeZeroes(offset, len);
          }
        } else if (kind == DiskSection.DATA) {
          in.readFully(block, 0, len);
          disk.write(offset, block, 0, len);
        } else {
          throw new DiskSectionException("drive '" + drive.id() + "': unknown block kind " + kind);
        }
      }
    } catch (BlockException e) {
      throw new DiskSectionException("drive '" + drive.id() + "': " + e.getMessage());
    }
  }

  /** The section's end: everything received is made durable. */
  public void finish() throws IOException {
    try {
      drive.driver().flush();
    } catch (BlockException e) {
      throw new DiskSectionException("drive '" + drive.id() + "': " + e.getMessage());
    }
  }
}
