package dev.cairn.migration.snapshot;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The content of {@code snapshots.json}.
 *
 * @param format version of this file's layout, so a later Cairn can tell an old index
 * @param nextId the ID the next snapshot gets; kept so IDs are not reused after a delvm
 * @param snapshots entries in the order they were saved
 * @param currentId the snapshot the VM's state last came from or went to (taken or loaded), or
 *     {@link SnapshotInfo#NO_PARENT}; the parent of the next snapshot. Added without a format
 *     change: an older index simply has none, and older Cairns ignore it.
 */
record SnapshotIndex(int format, int nextId, List<SnapshotInfo> snapshots, int currentId) {

  static final int FORMAT = 1;

  SnapshotIndex {
    snapshots = List.copyOf(snapshots);
  }

  static SnapshotIndex empty() {
    return new SnapshotIndex(FORMAT, 1, List.of(), SnapshotInfo.NO_PARENT);
  }

  SnapshotIndex withCurrent(int id) {
    return new SnapshotIndex(format, nextId, snapshots, id);
  }

  /** The entry tagged {@code tag}, if there is one. */
  Optional<SnapshotInfo> find(String tag) {
    return snapshots.stream().filter(s -> s.tag().equals(tag)).findFirst();
  }

  /** This index with entry {@code id} replaced by what {@code change} makes of it. */
  SnapshotIndex withChanged(int id, UnaryOperator<SnapshotInfo> change) {
    return new SnapshotIndex(format, nextId,
        snapshots.stream().map(s -> s.id() == id ? change.apply(s) : s).toList(), currentId);
  }
}
