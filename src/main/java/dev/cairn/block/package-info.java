/**
 * Disk images behind the emulated block devices.
 *
 * <p>{@link dev.cairn.block.BlockDriver} is the byte-addressed view every image format offers;
 * {@link dev.cairn.block.RawImage} is a plain file and {@code qcow2.Qcow2Image} QEMU's format with
 * internal snapshots ({@link dev.cairn.block.InternalSnapshots}). {@link
 * dev.cairn.block.BlockDrivers} opens either, probing the format like QEMU. {@link
 * dev.cairn.block.DriveRegistry} holds a VM's open drives and makes them durable with {@code
 * flushAll()}. Writers lock their image ({@link dev.cairn.block.ImageLock}). Errors are the checked
 * {@link dev.cairn.block.BlockException}, so device models decide what the guest sees (virtio-blk
 * turns them into {@code VIRTIO_BLK_S_IOERR}) instead of an I/O failure unwinding the vCPU thread.
 *
 * <p>Nothing here knows about guest memory or virtio.
 */
package dev.cairn.block;
