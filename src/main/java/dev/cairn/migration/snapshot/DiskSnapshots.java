package dev.cairn.migration.snapshot;

import dev.cairn.block.BlockException;
import dev.cairn.block.DiskSnapshot;
import dev.cairn.block.DriveRegistry;
import dev.cairn.block.InternalSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk half of a VM snapshot: one internal snapshot with the VM snapshot's tag on every
 * writable drive. Reference: QEMU {@code migration/savevm.c} ({@code save_snapshot},
 * {@code load_snapshot}, {@code bdrv_all_*}).
 *
 * <p>A new disk snapshot is first created under a pending name and renamed to the tag only once
 * the VM-state file is committed, so a failed save leaves the drives' older snapshots untouched.
 * Read-only drives take no part: their contents cannot change.
 */
final class DiskSnapshots {

  private static final String PENDING = ".cairn-pending";

  private final List<DriveRegistry.Drive> drives;

  DiskSnapshots(DriveRegistry registry) {
    this.drives = registry.drives().stream().filter(DriveRegistry.Drive::takesPartInSnapshots)
        .toList();
  }

  /** QEMU's refusal when a writable drive's format has no snapshots (raw). */
  void refuseUnsupported() throws SnapshotException {
    for (DriveRegistry.Drive d : drives) {
      if (!(d.driver() instanceof InternalSnapshots)) {
        // QEMU's words exactly; the image format (raw) is what lacks snapshots.
        throw new SnapshotException(
            "Device '" + d.id() + "' is writable but does not support snapshots");
      }
    }
  }

  /**
   * Creates a pending snapshot for {@code tag} on every drive. On failure the pending snapshots
   * already made are removed again.
   */
  void createPending(String tag, long vmClockNanos) throws SnapshotException {
    List<DriveRegistry.Drive> done = new ArrayList<>();
    try {
      for (DriveRegistry.Drive d : drives) {
        InternalSnapshots s = snapshots(d);
        String stale = idOf(s, pending(tag));
        if (stale != null) {
          s.deleteSnapshot(stale); // left by a save that crashed
        }
        s.createSnapshot(pending(tag), vmClockNanos);
        done.add(d);
        d.driver().flush();
      }
    } catch (BlockException e) {
      for (DriveRegistry.Drive d : done) {
        try {
          InternalSnapshots s = snapshots(d);
          s.deleteSnapshot(idOf(s, pending(tag)));
        } catch (BlockException | NullPointerException ignored) {
          // best effort; an orphan pending snapshot only wastes space
        }
      }
      throw new SnapshotException("Error while creating snapshot on '" + current(e) + "': "
          + e.getMessage(), e);
    }
  }

  /** Drops the pending snapshots (the VM-state half failed). */
  void abandonPending(String tag) {
    for (DriveRegistry.Drive d : drives) {
      try {
        InternalSnapshots s = snapshots(d);
        String id = idOf(s, pending(tag));
        if (id != null) {
          s.deleteSnapshot(id);
          d.driver().flush();
        }
      } catch (BlockException ignored) {
        // best effort, as above
      }
    }
  }

  /** Renames the pending snapshots to {@code tag}, replacing older ones of that tag. */
  void commitPending(String tag) throws SnapshotException {
    for (DriveRegistry.Drive d : drives) {
      try {
        InternalSnapshots s = snapshots(d);
        String id = idOf(s, pending(tag));
        if (id == null) {
          throw new BlockException("its pending snapshot is gone");
        }
        String old = idOf(s, tag);
        if (old != null) {
          s.deleteSnapshot(old);
        }
        s.renameSnapshot(id, tag);
        d.driver().flush();
      } catch (BlockException e) {
        throw new SnapshotException("Error while naming snapshot '" + tag + "' on '" + d.id()
            + "': " + e.getMessage(), e);
      }
    }
  }

  /** Whether every drive has a snapshot called {@code tag}. */
  boolean presentOnAll(String tag) throws SnapshotException {
    for (DriveRegistry.Drive d : drives) {
      try {
        if (!has(snapshots(d), tag)) {
          return false;
        }
      } catch (BlockException e) {
        throw new SnapshotException(e.getMessage(), e);
      }
    }
    return true;
  }

  /** Reverts every drive to {@code tag}; the caller has checked {@link #presentOnAll}. */
  void apply(String tag) throws SnapshotException {
    for (DriveRegistry.Drive d : drives) {
      try {
        InternalSnapshots s = snapshots(d);
        s.applySnapshot(idOf(s, tag));
        d.driver().flush();
      } catch (BlockException e) {
        throw new SnapshotException("Error while applying snapshot '" + tag + "' on '" + d.id()
            + "': " + e.getMessage(), e);
      }
    }
  }

  /** Deletes {@code tag} from every drive that has it. */
  void delete(String tag) throws SnapshotException {
    for (DriveRegistry.Drive d : drives) {
      try {
        InternalSnapshots s = snapshots(d);
        String id = idOf(s, tag);
        if (id != null) {
          s.deleteSnapshot(id);
          d.driver().flush();
        }
      } catch (BlockException e) {
        throw new SnapshotException("Error while deleting snapshot '" + tag + "' on '" + d.id()
            + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * Renames {@code tag} to {@code newTag} on every drive that has it. On failure the drives
   * already renamed are named back, best effort.
   */
  void rename(String tag, String newTag) throws SnapshotException {
    List<DriveRegistry.Drive> done = new ArrayList<>();
    for (DriveRegistry.Drive d : drives) {
      try {
        InternalSnapshots s = snapshots(d);
        String id = idOf(s, tag);
        if (id != null) {
          s.renameSnapshot(id, newTag);
          d.driver().flush();
          done.add(d);
        }
      } catch (BlockException e) {
        for (DriveRegistry.Drive back : done) {
          try {
            InternalSnapshots s = snapshots(back);
            s.renameSnapshot(idOf(s, newTag), tag);
          } catch (BlockException | NullPointerException ignored) {
            // best effort: the index still names the old tag, which the user can retry
          }
        }
        throw new SnapshotException("Error while renaming snapshot '" + tag + "' on '" + d.id()
            + "': " + e.getMessage(), e);
      }
    }
  }

  private static boolean has(InternalSnapshots s, String name) throws BlockException {
    return idOf(s, name) != null;
  }

  /**
   * The id of the snapshot named {@code name}, or null. Cairn addresses disk snapshots by id, so a
   * tag that looks like another snapshot's id (QEMU looks ids up first) cannot pick the wrong one.
   */
  private static String idOf(InternalSnapshots s, String name) throws BlockException {
    for (DiskSnapshot d : s.snapshots()) {
      if (d.name().equals(name)) {
        return d.id();
      }
    }
    return null;
  }

  private InternalSnapshots snapshots(DriveRegistry.Drive d) throws BlockException {
    if (d.driver() instanceof InternalSnapshots s) {
      return s;
    }
    throw new BlockException("Device '" + d.id() + "' does not support snapshots");
  }

  private String current(BlockException e) {
    for (DriveRegistry.Drive d : drives) {
      if (e.getMessage() != null && e.getMessage().contains(d.file().toString())) {
        return d.id();
      }
    }
    return "a drive";
  }

  private static String pending(String tag) {
    return tag + PENDING;
  }
}
