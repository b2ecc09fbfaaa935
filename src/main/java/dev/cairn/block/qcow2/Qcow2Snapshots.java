package dev.cairn.block.qcow2;

import dev.cairn.block.BlockException;
import dev.cairn.block.DiskSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, applies and deletes qcow2 internal snapshots. Reference: QEMU
 * {@code docs/interop/qcow2.txt}, "Snapshots" (reference counts count every L1 table that reaches
 * a cluster, so a snapshot adds one to each L2 table and data cluster of the L1 it copies).
 *
 * <p>Order for a process killed at any point (leaks allowed, corruption not): create copies the
 * L1 and raises counts before the snapshot table names it; delete removes the table entry before
 * it lowers counts; apply raises the snapshot's counts, switches the active L1, then lowers the
 * old one's.
 */
final class Qcow2Snapshots {

  private final Qcow2Image img;

  Qcow2Snapshots(Qcow2Image img) {
    this.img = img;
  }

  DiskSnapshot create(String name, long vmClockNanos) throws BlockException {
    if (name.isEmpty() || find(name) != null) {
      throw new BlockException(name.isEmpty() ? "a snapshot needs a name"
          : "snapshot '" + name + "' already exists in " + img.file);
    }
    checkNoOverflow(img.l1);
    img.markDirty();
    int l1Size = img.l1.length;
    int clusters = Math.max(1, (l1Size * 8 + img.clusterSize - 1) >> img.clusterBits);
    long copy = img.refcounts.allocate(clusters);
    ByteBuffer b = ByteBuffer.allocate(clusters << img.clusterBits);
    for (long e : img.l1) {
      b.putLong(e & Qcow2Image.OFFSET_MASK);
    }
    b.position(0);
    img.writeMeta(b, copy, "snapshot L1 table");
    adjust(img.l1, +1);
    fixCopiedFlags();
    List<Qcow2SnapshotTable.Entry> entries = new ArrayList<>(img.snapshotEntries);
    Qcow2SnapshotTable.Entry entry = Qcow2SnapshotTable.newEntry(copy, l1Size, nextId(), name,
        vmClockNanos, img.size());
    entries.add(entry);
    Qcow2SnapshotTable.write(img, entries);
    img.clearDirty();
    return entry.info();
  }

  void apply(String nameOrId) throws BlockException {
    Qcow2SnapshotTable.Entry e = require(nameOrId);
    if (e.diskSize() != img.size()) {
      throw new BlockException("snapshot '" + e.name() + "' of " + img.file + " has disk size "
          + e.diskSize() + ", the image now " + img.size() + "; Cairn cannot resize on apply");
    }
    long[] snapshotL1 = img.readL1(e.l1Offset(), e.l1Size());
    long[] fresh = new long[img.l1.length];
    for (int i = 0; i < Math.min(fresh.length, snapshotL1.length); i++) {
      fresh[i] = snapshotL1[i] & Qcow2Image.OFFSET_MASK;
    }
    checkNoOverflow(fresh);
    img.markDirty();
    adjust(fresh, +1);
    long[] old = img.l1;
    img.l1 = fresh;
    writeActiveL1();
    adjust(old, -1);
    fixCopiedFlags();
    img.clearDirty();
  }

  void delete(String nameOrId) throws BlockException {
    Qcow2SnapshotTable.Entry e = require(nameOrId);
    img.markDirty();
    List<Qcow2SnapshotTable.Entry> entries = new ArrayList<>(img.snapshotEntries);
    entries.remove(e);
    Qcow2SnapshotTable.write(img, entries);
    long[] snapshotL1 = img.readL1(e.l1Offset(), e.l1Size());
    adjust(snapshotL1, -1);
    int clusters = Math.max(1, (e.l1Size() * 8 + img.clusterSize - 1) >> img.clusterBits);
    for (int i = 0; i < clusters; i++) {
      img.refcounts.update(e.l1Offset() + ((long) i << img.clusterBits), -1);
    }
    fixCopiedFlags();
    img.clearDirty();
  }

  void rename(String nameOrId, String newName) throws BlockException {
    Qcow2SnapshotTable.Entry e = require(nameOrId);
    if (newName.isEmpty()) {
      throw new BlockException("a snapshot needs a name");
    }
    Qcow2SnapshotTable.Entry other = find(newName);
    if (other != null && other != e && other.name().equals(newName)) {
      delete(other.id());
    }
    List<Qcow2SnapshotTable.Entry> entries = new ArrayList<>();
    for (Qcow2SnapshotTable.Entry x : img.snapshotEntries) {
      entries.add(x != e ? x : new Qcow2SnapshotTable.Entry(x.l1Offset(), x.l1Size(), x.id(),
          newName, x.dateSeconds(), x.dateNanos(), x.vmClockNanos(), x.vmStateSize(),
          x.diskSize(), x.icount(), x.extra()));
    }
    Qcow2SnapshotTable.write(img, entries);
  }

  /** QEMU's lookup order: an id match first, then a name match. */
  Qcow2SnapshotTable.Entry find(String nameOrId) {
    for (Qcow2SnapshotTable.Entry e : img.snapshotEntries) {
      if (e.id().equals(nameOrId)) {
        return e;
      }
    }
    for (Qcow2SnapshotTable.Entry e : img.snapshotEntries) {
      if (e.name().equals(nameOrId)) {
        return e;
      }
    }
    return null;
  }

  private Qcow2SnapshotTable.Entry require(String nameOrId) throws BlockException {
    Qcow2SnapshotTable.Entry e = find(nameOrId);
    if (e == null) {
      throw new BlockException("snapshot '" + nameOrId + "' does not exist in " + img.file);
    }
    return e;
  }

  private String nextId() {
    long max = 0;
    for (Qcow2SnapshotTable.Entry e : img.snapshotEntries) {
      try {
        max = Math.max(max, Long.parseLong(e.id()));
      } catch (NumberFormatException ignored) {
        // ids need not be numbers; only numeric ones matter for the next one
      }
    }
    return Long.toString(max + 1);
  }

  /** Refuses before changing anything if one more reference would overflow a count. */
  private void checkNoOverflow(long[] l1) throws BlockException {
    for (long l1Entry : l1) {
      long l2Offset = l1Entry & Qcow2Image.OFFSET_MASK;
      if (l2Offset == 0) {
        continue;
      }
      requireBelowMax(l2Offset);
      for (long entry : img.loadL2(l2Offset)) {
        for (long c : hostClusters(entry)) {
          requireBelowMax(c);
        }
      }
    }
  }

  private void requireBelowMax(long offset) throws BlockException {
    int count = img.refcounts.get(offset);
    if (count >= Qcow2Refcounts.MAX_REFCOUNT) {
      throw new BlockException("refcount overflow in " + img.file + ": the cluster at 0x"
          + Long.toHexString(offset) + " already has " + count
          + " references; the snapshot was not changed");
    }
  }

  private long[] hostClusters(long entry) {
    if ((entry & Qcow2Image.COMPRESSED) != 0) {
      return img.compressedClusters(entry);
    }
    long offset = entry & Qcow2Image.OFFSET_MASK;
    return offset == 0 ? new long[0] : new long[] {offset};
  }

  /** Adds {@code delta} to the counts of every L2 table and data cluster reachable from l1. */
  private void adjust(long[] l1, int delta) throws BlockException {
    img.refcounts.beginBatch();
    try {
      adjustEach(l1, delta);
    } finally {
      img.refcounts.endBatch();
    }
  }

  private void adjustEach(long[] l1, int delta) throws BlockException {
    for (long l1Entry : l1) {
      long l2Offset = l1Entry & Qcow2Image.OFFSET_MASK;
      if (l2Offset == 0) {
        continue;
      }
      long[] l2 = img.loadL2(l2Offset).clone(); // the cached copy may go if the table is freed
      for (long entry : l2) {
        for (long c : hostClusters(entry)) {
          img.refcounts.update(c, delta);
        }
      }
      img.refcounts.update(l2Offset, delta);
    }
  }

  /**
   * Makes the COPIED flag of every active L1 and L2 entry say "count is exactly 1", as qcow2
   * requires (qemu-img check reports a mismatch as an error).
   */
  void fixCopiedFlags() throws BlockException {
    for (int i = 0; i < img.l1.length; i++) {
      long l2Offset = img.l1[i] & Qcow2Image.OFFSET_MASK;
      if (l2Offset == 0) {
        continue;
      }
      long[] l2 = img.loadL2(l2Offset);
      boolean changed = false;
      for (int j = 0; j < l2.length; j++) {
        long entry = l2[j];
        long offset = entry & Qcow2Image.OFFSET_MASK;
        if ((entry & Qcow2Image.COMPRESSED) != 0 || offset == 0) {
          continue;
        }
        long want = img.refcounts.get(offset) == 1 ? entry | Qcow2Image.COPIED
            : entry & ~Qcow2Image.COPIED;
        if (want != entry) {
          l2[j] = want;
          changed = true;
        }
      }
      if (changed) {
        img.writeL2(l2Offset, l2);
      }
      long want = img.refcounts.get(l2Offset) == 1 ? l2Offset | Qcow2Image.COPIED : l2Offset;
      if (want != img.l1[i]) {
        img.l1[i] = want;
        img.writeL1Entry(i);
      }
    }
  }

  private void writeActiveL1() throws BlockException {
    ByteBuffer b = ByteBuffer.allocate(img.l1.length * 8);
    for (long e : img.l1) {
      b.putLong(e);
    }
    b.position(0);
    img.writeMeta(b, img.header.l1TableOffset, "L1 table");
  }
}
