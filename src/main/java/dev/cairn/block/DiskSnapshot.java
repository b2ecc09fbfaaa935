package dev.cairn.block;

/**
 * One internal snapshot of a disk image, as {@code qemu-img snapshot -l} lists it.
 *
 * @param id the image's own snapshot id (a decimal string in images made by QEMU)
 * @param name the tag; Cairn's VM snapshots use the same tag on every drive
 * @param vmStateSize bytes of VM state stored inside the image (0 for Cairn, which keeps the VM
 *     state in its own snapshot files)
 * @param dateSeconds creation time, seconds since the epoch
 * @param dateNanos the nanoseconds part of the creation time
 * @param vmClockNanos the guest clock at the snapshot
 * @param diskSize the virtual disk size when the snapshot was taken
 */
public record DiskSnapshot(
    String id,
    String name,
    long vmStateSize,
    long dateSeconds,
    int dateNanos,
    long vmClockNanos,
    long diskSize) {}
