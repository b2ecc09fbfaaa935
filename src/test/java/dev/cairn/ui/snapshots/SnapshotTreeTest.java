package dev.cairn.ui.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.migration.snapshot.SnapshotInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree shape built from the index's parents, without a screen. */
class SnapshotTreeTest {

  private static SnapshotRow row(int id, String tag, int parent) {
    return SnapshotRow.of(new SnapshotInfo(id, tag, "snapshot-" + id + ".cvm", 1, 0, 0, 0, parent,
        null));
  }

  @Test
  void takeATakeBLoadATakeCPutsCBesideBWithTheCurrentStateUnderC() {
    // What the store records for: savevm A, savevm B, loadvm A, savevm C.
    List<SnapshotRow> rows = List.of(row(1, "A", 0), row(2, "B", 1), row(3, "C", 1));
    assertEquals("A[B,C[*]]", TreeShape.of(SnapshotTree.build(rows, 3)));
  }

  @Test
  void theCurrentStateHangsUnderTheLoadedSnapshot() {
    List<SnapshotRow> rows = List.of(row(1, "A", 0), row(2, "B", 1));
    assertEquals("A[B,*]", TreeShape.of(SnapshotTree.build(rows, 1)));
  }

  @Test
  void withoutACurrentSnapshotTheCurrentStateIsARootAndOrphansAreRoots() {
    // 5's parent is not listed (its disk half is missing): it is shown as a root, not lost.
    List<SnapshotRow> rows = List.of(row(1, "A", 0), row(5, "E", 4));
    assertEquals("A,E,*", TreeShape.of(SnapshotTree.build(rows, SnapshotInfo.NO_PARENT)));
    assertEquals("*", TreeShape.of(SnapshotTree.build(List.of(), SnapshotInfo.NO_PARENT)));
  }

  @Test
  void theCurrentStateNodeIsMarkedAndHasNoRow() {
    SnapshotTree.Node current = SnapshotTree.build(List.of(), 0).get(0);
    assertTrue(current.isCurrentState());
    assertEquals(null, current.row());
  }
}
