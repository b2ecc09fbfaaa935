package dev.cairn.block.qcow2;

import dev.cairn.block.BlockException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recounts every reference in a qcow2 image and compares with the stored counts, like
 * {@code qemu-img check} without repair: a count lower than the references is an error (the
 * cluster could be handed out twice), a higher one a leak (wasted space only).
 */
public final class Qcow2Check {

  /** The findings; {@link #report()} prints them the way qemu-img does. */
  public record Result(List<String> messages, int errors, int leaks, long allocatedClusters,
      long totalClusters, long fragmentedClusters, long compressedClusters, long imageEndOffset) {

    public boolean clean() {
      return errors == 0 && leaks == 0;
    }

    public String report() {
      StringBuilder s = new StringBuilder();
      for (String m : messages) {
        s.append(m).append('\n');
      }
      if (errors == 0 && leaks == 0) {
        s.append("No errors were found on the image.\n");
      }
      if (errors > 0) {
        s.append('\n').append(errors).append(" errors were found on the image.\n")
            .append("Data may be corrupted, or further writes to the image may corrupt it.\n");
      }
      if (leaks > 0) {
        s.append('\n').append(leaks).append(" leaked clusters were found on the image.\n")
            .append("This means waste of disk space, but no harm to data.\n");
      }
      double total = Math.max(1, totalClusters);
      s.append(String.format("%d/%d = %.2f%% allocated, %.2f%% fragmented, %.2f%% compressed"
              + " clusters%n", allocatedClusters, totalClusters, 100.0 * allocatedClusters / total,
          100.0 * fragmentedClusters / Math.max(1, allocatedClusters),
          100.0 * compressedClusters / Math.max(1, allocatedClusters)));
      s.append("Image end offset: ").append(imageEndOffset).append('\n');
      return s.toString();
    }
  }

  private final Qcow2Image img;
  private final Map<Long, Integer> references = new HashMap<>();
  private final List<String> messages = new ArrayList<>();
  private int errors;
  private long fileSize;

  Qcow2Check(Qcow2Image img) {
    this.img = img;
  }

  /**
   * Sets every stored count to the references found and the COPIED flags to match, like
   * {@code qemu-img check -r all}; used when an image was left dirty.
   */
  void repair() throws BlockException {
    run();
    for (Map.Entry<Long, int[]> fix : mismatches.entrySet()) {
      int[] storedAndRefs = fix.getValue();
      img.refcounts.update(fix.getKey() << img.clusterBits, storedAndRefs[1] - storedAndRefs[0]);
    }
    new Qcow2Snapshots(img).fixCopiedFlags();
  }

  /** Clusters whose stored count differs from the references: {stored, references}. */
  private final Map<Long, int[]> mismatches = new HashMap<>();

  Result run() throws BlockException {
    fileSize = img.fileSize();
    Qcow2Header h = img.header;
    reference(0, 1);
    reference(img.refcounts.tableOffset(), img.refcounts.tableClusters() * img.clusterSize);
    for (long block : img.refcounts.tableEntries()) {
      if (block != 0) {
        reference(block, 1);
      }
    }
    long[] counts = new long[4]; // allocated, fragmented, compressed, previous host offset
    counts[3] = -1;
    reference(h.l1TableOffset, h.l1Size * 8L);
    walk(img.l1, counts);
    if (h.nbSnapshots > 0) {
      int bytes = 0;
      for (Qcow2SnapshotTable.Entry e : img.snapshotEntries) {
        bytes += e.encodedSize();
      }
      reference(h.snapshotsOffset, bytes);
      for (Qcow2SnapshotTable.Entry e : img.snapshotEntries) {
        reference(e.l1Offset(), e.l1Size() * 8L);
        walk(img.readL1(e.l1Offset(), e.l1Size()), null);
      }
    }
    int leaks = 0;
    long end = 0;
    long clusters = (fileSize + img.clusterSize - 1) >> img.clusterBits;
    long[] blocks = img.refcounts.tableEntries();
    for (int i = 0; i < blocks.length; i++) {
      if (blocks[i] != 0) { // a count past the end of the file is still a leak
        clusters = Math.max(clusters, (i + 1L) << (img.clusterBits - 1));
      }
    }
    for (long k : references.keySet()) {
      clusters = Math.max(clusters, k + 1);
    }
    for (long c = 0; c < clusters; c++) {
      int stored = img.refcounts.get(c << img.clusterBits);
      int refs = references.getOrDefault(c, 0);
      if (stored > 0) {
        end = (c + 1) << img.clusterBits;
      }
      if (stored != refs) {
        mismatches.put(c, new int[] {stored, refs});
      }
      if (stored < refs) {
        messages.add("ERROR cluster " + c + " refcount=" + stored + " reference=" + refs);
        errors++;
      } else if (stored > refs) {
        messages.add("Leaked cluster " + c + " refcount=" + stored + " reference=" + refs);
        leaks++;
      }
    }
    long total = (h.size + img.clusterSize - 1) >> img.clusterBits;
    return new Result(List.copyOf(messages), errors, leaks, counts[0], total, counts[1],
        counts[2], end);
  }

  /** Counts the L2 tables and data clusters of one L1; {@code stats} only for the active one. */
  private void walk(long[] l1, long[] stats) throws BlockException {
    for (int i = 0; i < l1.length; i++) {
      long l2Offset = l1[i] & Qcow2Image.OFFSET_MASK;
      if (l2Offset == 0) {
        continue;
      }
      if (!valid(l2Offset, "L2 table")) {
        continue;
      }
      reference(l2Offset, 1);
      if (stats != null) {
        checkCopied("L2 cluster: l1_index=" + i + " l1_entry=" + Long.toHexString(l1[i]),
            l1[i], l2Offset);
      }
      for (long entry : img.loadL2(l2Offset)) {
        if ((entry & Qcow2Image.COMPRESSED) != 0) {
          for (long c : img.compressedClusters(entry)) {
            reference(c, 1);
          }
          if (stats != null) {
            stats[0]++;
            stats[2]++;
          }
          continue;
        }
        long offset = entry & Qcow2Image.OFFSET_MASK;
        if (offset == 0 || !valid(offset, "data cluster")) {
          continue;
        }
        reference(offset, 1);
        if (stats != null) {
          checkCopied("data cluster: l2_entry=" + Long.toHexString(entry), entry, offset);
          if ((entry & Qcow2Image.ZERO) == 0 || img.header.version < 3) {
            stats[0]++;
            if (stats[3] >= 0 && offset != stats[3] + img.clusterSize) {
              stats[1]++;
            }
            stats[3] = offset;
          }
        }
      }
    }
  }

  private void checkCopied(String what, long entry, long offset) throws BlockException {
    int count = img.refcounts.get(offset);
    if ((count == 1) != ((entry & Qcow2Image.COPIED) != 0)) {
      messages.add("ERROR OFLAG_COPIED " + what + " refcount=" + count);
      errors++;
    }
  }

  private boolean valid(long offset, String what) {
    if ((offset & (img.clusterSize - 1)) != 0 || offset >= fileSize) {
      messages.add("ERROR " + what + " offset=0x" + Long.toHexString(offset)
          + " is unaligned or past the end of the image file");
      errors++;
      return false;
    }
    return true;
  }

  private void reference(long offset, long bytes) {
    if (bytes <= 0) {
      return;
    }
    long first = offset >>> img.clusterBits;
    long last = (offset + bytes - 1) >>> img.clusterBits;
    for (long c = first; c <= last; c++) {
      references.merge(c, 1, Integer::sum);
    }
  }
}
