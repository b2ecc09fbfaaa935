package dev.cairn.block.qcow2;

import dev.cairn.block.BlockException;
import dev.cairn.block.DiskSnapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The qcow2 snapshot table: its entries and their on-disk encoding. Reference: QEMU
 * {@code docs/interop/qcow2.txt}, "Snapshots".
 *
 * <p>A changed table is written to newly allocated clusters and then published by one 12-byte
 * header write (count and offset side by side), so a reader sees the old table or the new one.
 */
final class Qcow2SnapshotTable {

  private static final int FIXED = 40;
  /** Extra data Cairn writes: large VM state size, disk size, icount (QEMU 5.0+). */
  private static final int EXTRA = 24;
  private static final int MAX_TABLE_BYTES = 64 << 20;

  /** One snapshot; {@code extra} keeps extra data of newer writers verbatim. */
  record Entry(long l1Offset, int l1Size, String id, String name, long dateSeconds, int dateNanos,
      long vmClockNanos, long vmStateSize, long diskSize, long icount, byte[] extra) {

    DiskSnapshot info() {
      return new DiskSnapshot(id, name, vmStateSize, dateSeconds, dateNanos, vmClockNanos,
          diskSize);
    }

    int encodedSize() {
      int n = FIXED + extra.length + utf8(id).length + utf8(name).length;
      return (n + 7) & ~7;
    }
  }

  private Qcow2SnapshotTable() {}

  static List<Entry> read(Qcow2Image img) throws BlockException {
    Qcow2Header h = img.header;
    List<Entry> out = new ArrayList<>();
    if (h.nbSnapshots == 0) {
      return out;
    }
    long available = img.fileSize() - h.snapshotsOffset;
    int bytes = (int) Math.min(available, MAX_TABLE_BYTES);
    ByteBuffer b = ByteBuffer.allocate(bytes);
    img.readMeta(b, h.snapshotsOffset, "snapshot table");
    int pos = 0;
    for (int i = 0; i < h.nbSnapshots; i++) {
      if (pos + FIXED > bytes) {
        throw Qcow2Header.corrupt(img.file, "snapshot table entry " + i + " is truncated");
      }
      long l1Offset = b.getLong(pos);
      int l1Size = b.getInt(pos + 8);
      int idSize = b.getShort(pos + 12) & 0xFFFF;
      int nameSize = b.getShort(pos + 14) & 0xFFFF;
      long dateSec = b.getInt(pos + 16) & 0xFFFF_FFFFL;
      int dateNsec = b.getInt(pos + 20);
      long vmClock = b.getLong(pos + 24);
      long vmState = b.getInt(pos + 32) & 0xFFFF_FFFFL;
      int extraSize = b.getInt(pos + 36);
      if (extraSize < 0 || extraSize > 1024
          || (long) pos + FIXED + extraSize + idSize + nameSize > bytes) {
        throw Qcow2Header.corrupt(img.file, "snapshot table entry " + i + " is truncated");
      }
      byte[] extra = new byte[extraSize];
      b.get(pos + FIXED, extra);
      ByteBuffer e = ByteBuffer.wrap(extra);
      long diskSize = h.size;
      long icount = -1;
      if (extraSize >= 8) {
        vmState = e.getLong(0);
      }
      if (extraSize >= 16) {
        diskSize = e.getLong(8);
      }
      if (extraSize >= 24) {
        icount = e.getLong(16);
      }
      byte[] id = new byte[idSize];
      b.get(pos + FIXED + extraSize, id);
      byte[] name = new byte[nameSize];
      b.get(pos + FIXED + extraSize + idSize, name);
      if (l1Size < 0 || (long) l1Size * 8 > Qcow2Header.MAX_L1_BYTES
          || (l1Offset & (img.clusterSize - 1)) != 0
          || l1Offset + 8L * l1Size > img.fileSize()) {
        throw Qcow2Header.corrupt(img.file, "the L1 table of snapshot '"
            + new String(name, StandardCharsets.UTF_8) + "' lies outside the file");
      }
      out.add(new Entry(l1Offset, l1Size, new String(id, StandardCharsets.UTF_8),
          new String(name, StandardCharsets.UTF_8), dateSec, dateNsec, vmClock, vmState,
          diskSize, icount, extra));
      pos = (pos + FIXED + extraSize + idSize + nameSize + 7) & ~7;
    }
    return out;
  }

  /** A new entry with Cairn's extra data layout. */
  static Entry newEntry(long l1Offset, int l1Size, String id, String name, long vmClockNanos,
      long diskSize) {
    long now = System.currentTimeMillis();
    ByteBuffer e = ByteBuffer.allocate(EXTRA);
    e.putLong(0, 0).putLong(8, diskSize).putLong(16, -1);
    return new Entry(l1Offset, l1Size, id, name, now / 1000, (int) (now % 1000) * 1_000_000,
        vmClockNanos, 0, diskSize, -1, e.array());
  }

  /**
   * Writes {@code entries} as the image's table: new clusters, then the header, then the old
   * table's clusters are released.
   */
  static void write(Qcow2Image img, List<Entry> entries) throws BlockException {
    Qcow2Header h = img.header;
    int total = 0;
    for (Entry e : entries) {
      total += e.encodedSize();
    }
    long offset = 0;
    int clusters = (total + img.clusterSize - 1) >> img.clusterBits;
    if (total > 0) {
      ByteBuffer b = ByteBuffer.allocate(clusters << img.clusterBits);
      for (Entry e : entries) {
        int start = b.position();
        byte[] id = utf8(e.id());
        byte[] name = utf8(e.name());
        b.putLong(e.l1Offset()).putInt(e.l1Size()).putShort((short) id.length)
            .putShort((short) name.length).putInt((int) e.dateSeconds()).putInt(e.dateNanos())
            .putLong(e.vmClockNanos()).putInt((int) Math.min(e.vmStateSize(), 0xFFFF_FFFFL))
            .putInt(e.extra().length).put(e.extra()).put(id).put(name);
        b.position(start + e.encodedSize());
      }
      b.position(0);
      offset = img.refcounts.allocate(clusters);
      img.writeMeta(b, offset, "snapshot table");
    }
    long oldOffset = h.snapshotsOffset;
    int oldBytes = 0;
    for (Entry e : img.snapshotEntries) {
      oldBytes += e.encodedSize();
    }
    ByteBuffer hb = ByteBuffer.allocate(12).putInt(0, entries.size()).putLong(4, offset);
    img.writeMeta(hb, Qcow2Header.OFF_NB_SNAPSHOTS, "header");
    h.nbSnapshots = entries.size();
    h.snapshotsOffset = offset;
    List<Entry> old = new ArrayList<>(img.snapshotEntries);
    img.snapshotEntries.clear();
    img.snapshotEntries.addAll(entries);
    if (!old.isEmpty() && oldOffset != 0) {
      int oldClusters = (oldBytes + img.clusterSize - 1) >> img.clusterBits;
      for (int i = 0; i < oldClusters; i++) {
        img.refcounts.update(oldOffset + ((long) i << img.clusterBits), -1);
      }
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
