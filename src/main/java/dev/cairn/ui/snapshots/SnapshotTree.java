package dev.cairn.ui.snapshots;

import dev.cairn.migration.snapshot.SnapshotInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshots as a tree: each under the one it descends from, and a "Current State" leaf under
 * the snapshot the running state comes from (VirtualBox's habit), so the user sees where the next
 * snapshot will hang. Plain data, built without a screen.
 */
public final class SnapshotTree {

  private SnapshotTree() {}

  /**
   * One node: a snapshot, or the current state ({@code row} null).
   *
   * @param children in the order they were taken
   */
  public record Node(SnapshotRow row, List<Node> children) {

    public boolean isCurrentState() {
      return row == null;
    }
  }

  /**
   * The roots of the tree of {@code rows} (in save order). A snapshot whose parent is not among
   * the rows (none, or listed on no disk) is a root. The current-state leaf goes last under
   * {@code currentId}'s row, or last among the roots when that is not listed.
   */
  public static List<Node> build(List<SnapshotRow> rows, int currentId) {
    Map<Integer, List<Node>> children = new HashMap<>();
    Map<Integer, SnapshotRow> byId = new LinkedHashMap<>();
    for (SnapshotRow row : rows) {
      byId.put(row.id(), row);
      children.put(row.id(), new ArrayList<>());
    }
    List<Node> roots = new ArrayList<>();
    for (SnapshotRow row : rows) {
      int parent = row.info().parentId();
      List<Node> siblings = parent != SnapshotInfo.NO_PARENT && byId.containsKey(parent)
          && parent != row.id() ? children.get(parent) : roots;
      siblings.add(new Node(row, children.get(row.id())));
    }
    Node current = new Node(null, List.of());
    (byId.containsKey(currentId) ? children.get(currentId) : roots).add(current);
    return roots;
  }
}
