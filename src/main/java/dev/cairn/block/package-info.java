/**
 * Disk images behind the emulated block devices.
 *
 * <p>{@link dev.cairn.block.BlockDriver} is the byte-addressed view every image format offers
 * (raw now, qcow2 later); {@link dev.cairn.block.RawImage} is a plain file. Errors are reported as
 * the checked {@link dev.cairn.block.BlockException} so that device models must decide what the
 * guest sees (virtio-blk turns them into {@code VIRTIO_BLK_S_IOERR}) instead of letting an I/O
 * failure unwind the vCPU thread.
 *
 * <p>Nothing here knows about guest memory or virtio.
 */
package dev.cairn.block;
