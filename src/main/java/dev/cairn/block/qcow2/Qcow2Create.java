package dev.cairn.block.qcow2;

import dev.cairn.block.BlockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Creates empty qcow2 images laid out as {@code qemu-img create} does: header in cluster 0, the
 * refcount table in cluster 1, its first block in cluster 2, then the L1 table.
 */
public final class Qcow2Create {

  /**
   * What to create.
   *
   * @param size virtual size in bytes
   * @param version 2 ({@code compat=0.10}) or 3 ({@code compat=1.1}, the default)
   * @param clusterBits log2 of the cluster size (16 = 64 KiB, the default)
   * @param backingFile null, or the backing file name as stored in the image
   * @param backingFormat null, or the backing file's format
   */
  public record Options(long size, int version, int clusterBits, String backingFile,
      String backingFormat) {

    public static Options of(long size) {
      return new Options(size, 3, 16, null, null);
    }

    public Options withVersion(int v) {
      return new Options(size, v, clusterBits, backingFile, backingFormat);
    }

    public Options withClusterBits(int bits) {
      return new Options(size, version, bits, backingFile, backingFormat);
    }

    public Options withBacking(String file, String format) {
      return new Options(size, version, clusterBits, file, format);
    }
  }

  private Qcow2Create() {}

  /**
   * Writes a new image to {@code file}, which must not exist yet.
   *
   * @throws BlockException if the file exists, the options are invalid or writing fails
   */
  public static void create(Path file, Options o) throws BlockException {
    if (o.version() != 2 && o.version() != 3) {
      throw new BlockException("qcow2 version " + o.version() + " cannot be created (2 or 3)");
    }
    if (o.clusterBits() < Qcow2Header.MIN_CLUSTER_BITS
        || o.clusterBits() > Qcow2Header.MAX_CLUSTER_BITS) {
      throw new BlockException("cluster size must be a power of two between 512 and 2 MiB");
    }
    if (o.size() < 0) {
      throw new BlockException("invalid image size " + o.size());
    }
    int cs = 1 << o.clusterBits();
    long perL1 = (long) cs * (cs / 8);
    long l1Size = (o.size() + perL1 - 1) / perL1;
    if (l1Size * 8 > Qcow2Header.MAX_L1_BYTES) {
      throw new BlockException("image size " + o.size() + " is too large for "
          + cs + "-byte clusters");
    }
    int l1Clusters = (int) Math.max(1, (l1Size * 8 + cs - 1) / cs);
    int clusters = 3 + l1Clusters;
    if (clusters > cs / 2) {
      throw new BlockException("image size " + o.size() + " needs a larger cluster size");
    }
    ByteBuffer b = ByteBuffer.allocate(clusters * cs);
    int headerLength = o.version() == 3 ? Qcow2Header.V3_LENGTH : Qcow2Header.V2_LENGTH;
    b.putInt(0, Qcow2Header.MAGIC).putInt(4, o.version());
    b.putInt(20, o.clusterBits()).putLong(24, o.size());
    b.putInt(36, (int) l1Size).putLong(40, 3L * cs);
    b.putLong(48, cs).putInt(56, 1);
    if (o.version() == 3) {
      b.putInt(96, 4).putInt(100, headerLength);
    }
    int pos = headerLength;
    if (o.backingFile() != null) {
      if (o.backingFormat() != null) {
        byte[] f = o.backingFormat().getBytes(StandardCharsets.UTF_8);
        b.putInt(pos, Qcow2Header.EXT_BACKING_FORMAT).putInt(pos + 4, f.length);
        b.put(pos + 8, f);
        pos += 8 + ((f.length + 7) & ~7);
      }
      pos += 8; // end of extensions
      byte[] name = o.backingFile().getBytes(StandardCharsets.UTF_8);
      if (name.length > 1023 || pos + name.length > cs) {
        throw new BlockException("backing file name is too long");
      }
      b.put(pos, name);
      b.putLong(8, pos).putInt(16, name.length);
    }
    b.putLong(cs, 2L * cs); // refcount table entry 0 -> block in cluster 2
    for (int c = 0; c < clusters; c++) {
      b.putShort(2 * cs + 2 * c, (short) 1);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      Qcow2Io.writeFully(ch, b, 0);
      ch.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new BlockException("cannot create " + file + ": the file already exists", e);
    } catch (IOException e) {
      throw new BlockException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }
}
