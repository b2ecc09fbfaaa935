package dev.cairn.block;

import java.util.List;

/**
 * A disk format that keeps snapshots inside the image (qcow2). Reference: QEMU
 * {@code docs/interop/qcow2.txt}, "Snapshots".
 *
 * <p>Every method is all-or-nothing as far as a crash allows: a process killed in the middle
 * leaves at most leaked clusters, never a snapshot that refers to freed data.
 */
public interface InternalSnapshots {

  /** The snapshots in the order of the image's snapshot table. */
  List<DiskSnapshot> snapshots() throws BlockException;

  /**
   * Freezes the disk's current contents as {@code name}.
   *
   * @throws BlockException if the name is taken, the image is read-only, a reference count would
   *     overflow, or the host write fails
   */
  DiskSnapshot createSnapshot(String name, long vmClockNanos) throws BlockException;

  /** Makes the disk's contents those of the snapshot with this name or id. */
  void applySnapshot(String nameOrId) throws BlockException;

  /**
   * Gives the snapshot {@code nameOrId} the name {@code newName}, in one write of the snapshot
   * table; a snapshot already called {@code newName} is deleted first.
   */
  void renameSnapshot(String nameOrId, String newName) throws BlockException;

  /** Removes the snapshot with this name or id and frees what only it used. */
  void deleteSnapshot(String nameOrId) throws BlockException;
}
