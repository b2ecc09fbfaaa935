package dev.cairn.hw.virtio;

import dev.cairn.state.StateDescription;

/**
 * The saved state of a {@link VirtioBlk}: none of its own, declared anyway so the device is named
 * in the stream and a future field has a version to bump.
 *
 * <p>Reference: virtio 1.2 §5.2 (block device).
 *
 * <p>Requests complete synchronously, so none is in flight at a save; the configuration space
 * follows from the disk and the serial, which are configuration given back at restore (the disk
 * contents travel in the block section, not here).
 */
public final class VirtioBlkState {

  /** Version 1: no fields. */
  public static final StateDescription<VirtioBlk> DESCRIPTION =
      StateDescription.builder("virtio-blk", VirtioBlk.class).version(1).minimumVersion(1).build();

  private VirtioBlkState() {}
}
