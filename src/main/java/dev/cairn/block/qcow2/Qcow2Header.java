package dev.cairn.block.qcow2;

import dev.cairn.block.BlockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The qcow2 header and its extensions, read and checked before anything else is trusted.
 * Reference: QEMU {@code docs/interop/qcow2.txt}, "Header" and "Header extensions".
 *
 * <p>Cairn never rewrites the whole header: it patches single fields in place (the snapshot table
 * pointer, the refcount table pointer), so extensions it does not know survive untouched.
 */
final class Qcow2Header {

  static final int MAGIC = 0x514649fb; // "QFI\xfb"
  static final int V2_LENGTH = 72;
  static final int V3_LENGTH = 104;
  static final int MIN_CLUSTER_BITS = 9;
  static final int MAX_CLUSTER_BITS = 21;
  /** QEMU refuses larger L1 tables too (32 MiB). */
  static final long MAX_L1_BYTES = 32L << 20;
  static final int MAX_SNAPSHOTS = 65536;

  // Field offsets that Cairn patches in place.
  static final int OFF_REFCOUNT_TABLE = 48; // u64 offset + u32 clusters
  static final int OFF_NB_SNAPSHOTS = 60; // u32 count + u64 offset
  static final int OFF_L1 = 36; // u32 size + u64 offset
  static final int OFF_AUTOCLEAR = 88;
  static final int OFF_INCOMPATIBLE = 72;
  /** Incompatible bit 0: metadata may be inconsistent and must be repaired before writing. */
  static final long INCOMPAT_DIRTY = 1;

  static final int EXT_END = 0;
  static final int EXT_BACKING_FORMAT = 0xE2792ACA;
  static final int EXT_FEATURE_NAMES = 0x6803f857;

  /** Incompatible feature bits (qcow2.txt): 0 dirty, 1 corrupt, 2 external data, 3 compression
   * type, 4 extended L2. Cairn supports none of them being set. */
  static final String[] INCOMPATIBLE_NAMES = {
    "dirty", "corrupt", "external data file", "compression type", "extended L2 entries"
  };

  int version;
  long backingFileOffset;
  int backingFileSize;
  int clusterBits;
  long size;
  int cryptMethod;
  int l1Size;
  long l1TableOffset;
  long refcountTableOffset;
  int refcountTableClusters;
  int nbSnapshots;
  long snapshotsOffset;
  long incompatibleFeatures;
  long compatibleFeatures;
  long autoclearFeatures;
  int refcountOrder = 4;
  int headerLength = V2_LENGTH;
  String backingFile;
  String backingFormat;
  /** Names from the feature name table extension, keyed by (type << 8 | bit). */
  final Map<Integer, String> featureNames = new TreeMap<>();

  int clusterSize() {
    return 1 << clusterBits;
  }

  /**
   * Reads and validates the header of {@code file}.
   *
   * @throws BlockException naming the file and what is wrong: truncated, not qcow2, unsupported
   *     version or features, tables outside the file
   */
  static Qcow2Header read(FileChannel ch, Path file) throws BlockException {
    long fileSize;
    ByteBuffer b;
    try {
      fileSize = ch.size();
      if (fileSize < V2_LENGTH) {
        throw corrupt(file, "the header is truncated (" + fileSize + " bytes, need at least "
            + V2_LENGTH + ")");
      }
      b = ByteBuffer.allocate((int) Math.min(fileSize, 1 << MAX_CLUSTER_BITS));
      Qcow2Io.readFully(ch, b, 0);
      b.flip();
    } catch (IOException e) {
      throw new BlockException("cannot read the header of " + file + ": " + e.getMessage(), e);
    }
    if (b.getInt(0) != MAGIC) {
      throw new BlockException(file + " is not a qcow2 image (bad magic)");
    }
    Qcow2Header h = new Qcow2Header();
    h.version = b.getInt(4);
    if (h.version != 2 && h.version != 3) {
      throw new BlockException(file + ": qcow2 version " + h.version
          + " is not supported (Cairn reads versions 2 and 3)");
    }
    h.backingFileOffset = b.getLong(8);
    h.backingFileSize = b.getInt(16);
    h.clusterBits = b.getInt(20);
    h.size = b.getLong(24);
    h.cryptMethod = b.getInt(32);
    h.l1Size = b.getInt(36);
    h.l1TableOffset = b.getLong(40);
    h.refcountTableOffset = b.getLong(48);
    h.refcountTableClusters = b.getInt(56);
    h.nbSnapshots = b.getInt(60);
    h.snapshotsOffset = b.getLong(64);
    if (h.version == 3) {
      if (fileSize < V3_LENGTH) {
        throw corrupt(file, "the version 3 header is truncated (" + fileSize + " bytes, need "
            + V3_LENGTH + ")");
      }
      h.incompatibleFeatures = b.getLong(72);
      h.compatibleFeatures = b.getLong(80);
      h.autoclearFeatures = b.getLong(88);
      h.refcountOrder = b.getInt(96);
      h.headerLength = b.getInt(100);
    }
    h.validate(file, fileSize, b);
    return h;
  }

  private void validate(Path file, long fileSize, ByteBuffer b) throws BlockException {
    if (clusterBits < MIN_CLUSTER_BITS || clusterBits > MAX_CLUSTER_BITS) {
      throw corrupt(file, "cluster size 2^" + clusterBits + " is outside 512 bytes .. 2 MiB");
    }
    int cs = clusterSize();
    if (version == 3 && (headerLength < V3_LENGTH || headerLength > cs)) {
      throw corrupt(file, "header length " + headerLength + " is invalid");
    }
    if (headerLength > fileSize) {
      throw corrupt(file, "the header is truncated (header length " + headerLength
          + " exceeds the file size " + fileSize + ")");
    }
    readExtensions(file, b);
    long unknown = incompatibleFeatures & ~INCOMPAT_DIRTY;
    if (unknown != 0) {
      List<String> names = new ArrayList<>();
      for (int bit = 0; bit < 64; bit++) {
        if ((unknown >>> bit & 1) != 0) {
          String name = bit < INCOMPATIBLE_NAMES.length ? INCOMPATIBLE_NAMES[bit]
              : featureNames.getOrDefault(bit, "unknown feature bit " + bit);
          names.add(name);
        }
      }
      String hint = (incompatibleFeatures & 2) != 0
          ? " (run 'qemu-img check -r all' to repair it)" : "";
      throw new BlockException(file + " uses incompatible qcow2 features Cairn does not support: "
          + String.join(", ", names) + hint);
    }
    if (cryptMethod != 0) {
      throw new BlockException(file + " is an encrypted qcow2 image, which Cairn does not support");
    }
    if (refcountOrder != 4) {
      throw new BlockException(file + ": " + (1 << refcountOrder)
          + "-bit reference counts are not supported (Cairn handles the default 16-bit ones)");
    }
    if (size < 0 || size > (1L << 56)) {
      throw corrupt(file, "virtual size " + size + " is invalid");
    }
    long perL1 = (long) cs * (cs / 8);
    long l1Needed = (size + perL1 - 1) / perL1;
    if (l1Size < 0 || (long) l1Size * 8 > MAX_L1_BYTES) {
      throw corrupt(file, "L1 table size " + Integer.toUnsignedString(l1Size) + " is too large");
    }
    if (l1Size < l1Needed) {
      throw corrupt(file, "L1 table has " + l1Size + " entries, the disk size needs " + l1Needed);
    }
    checkTable(file, "L1 table", l1TableOffset, (long) l1Size * 8, fileSize);
    if (refcountTableClusters <= 0 || refcountTableClusters > (1 << 23) >> (clusterBits - 9)) {
      throw corrupt(file, "refcount table of " + refcountTableClusters + " clusters is invalid");
    }
    checkTable(file, "refcount table", refcountTableOffset, (long) refcountTableClusters * cs,
        fileSize);
    if (nbSnapshots < 0 || nbSnapshots > MAX_SNAPSHOTS) {
      throw corrupt(file, "snapshot count " + Integer.toUnsignedString(nbSnapshots)
          + " is too large");
    }
    if (nbSnapshots > 0) {
      checkTable(file, "snapshot table", snapshotsOffset, 40L * nbSnapshots, fileSize);
    }
    if (backingFileOffset != 0) {
      if (backingFileSize <= 0 || backingFileSize > 1023
          || backingFileOffset + backingFileSize > Math.min(cs, b.limit())) {
        throw corrupt(file, "the backing file name lies outside the header cluster");
      }
      byte[] name = new byte[backingFileSize];
      b.get((int) backingFileOffset, name);
      backingFile = new String(name, StandardCharsets.UTF_8);
    }
  }

  private static void checkTable(Path file, String what, long offset, long bytes, long fileSize)
      throws BlockException {
    if (bytes == 0) {
      return;
    }
    if (offset <= 0 || (offset & 511) != 0) {
      throw corrupt(file, what + " offset 0x" + Long.toHexString(offset) + " is invalid");
    }
    if (offset > fileSize || bytes > fileSize - offset) {
      throw corrupt(file, what + " at 0x" + Long.toHexString(offset) + " (" + bytes
          + " bytes) lies past the end of the file (" + fileSize + " bytes)");
    }
  }

  private void readExtensions(Path file, ByteBuffer b) throws BlockException {
    int pos = headerLength;
    int end = (int) Math.min(clusterSize(), b.limit());
    if (backingFileOffset > 0 && backingFileOffset < end) {
      end = (int) backingFileOffset;
    }
    while (pos + 8 <= end) {
      int type = b.getInt(pos);
      int len = b.getInt(pos + 4);
      if (type == EXT_END) {
        return;
      }
      if (len < 0 || pos + 8L + len > end) {
        throw corrupt(file, "header extension 0x" + Integer.toHexString(type)
            + " runs past the header cluster");
      }
      if (type == EXT_BACKING_FORMAT) {
        byte[] f = new byte[len];
        b.get(pos + 8, f);
        backingFormat = new String(f, StandardCharsets.UTF_8);
      } else if (type == EXT_FEATURE_NAMES) {
        for (int e = pos + 8; e + 48 <= pos + 8 + len; e += 48) {
          if (b.get(e) == 0) { // incompatible features only
            byte[] name = new byte[46];
            b.get(e + 2, name);
            featureNames.put(b.get(e + 1) & 0xFF,
                new String(name, StandardCharsets.UTF_8).replace("\0", ""));
          }
        }
      }
      pos += 8 + ((len + 7) & ~7);
    }
  }

  static BlockException corrupt(Path file, String what) {
    return new BlockException("qcow2 image " + file + " is corrupt: " + what);
  }
}
