package dev.cairn.ui.snapshots;

import java.util.List;

/** A snapshot tree as short text for assertions: "A[B,C[*]]", with * for the current state. */
public final class TreeShape {

  private TreeShape() {}

  public static String of(List<SnapshotTree.Node> nodes) {
    StringBuilder out = new StringBuilder();
    for (SnapshotTree.Node node : nodes) {
      out.append(out.length() > 0 ? "," : "").append(node.isCurrentState() ? "*" : node.row().tag());
      if (!node.children().isEmpty()) {
        out.append('[').append(of(node.children())).append(']');
      }
    }
    return out.toString();
  }
}
