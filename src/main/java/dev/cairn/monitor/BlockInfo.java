package dev.cairn.monitor;

import java.nio.file.Path;

/**
 * One drive as {@code info block} shows it.
 *
 * @param id the drive's name ({@code virtio0}, or the {@code id=} of {@code -drive})
 * @param file the image file
 * @param format "raw" or "qcow2"
 * @param readOnly opened read-only
 * @param backingFile the backing image, or null
 * @param slot the virtio-mmio slot of the disk it is attached to
 */
public record BlockInfo(
    String id, Path file, String format, boolean readOnly, Path backingFile, int slot) {}
