package dev.cairn.machine;

import java.nio.file.Path;

/**
 * One disk of the VM as given by {@code -drive file=...,format=...,if=virtio} (or {@code if=none}
 * with {@code -device virtio-blk-device,drive=ID}).
 *
 * @param format "raw", "qcow2", or null to probe the file
 * @param id the drive's name in the monitor ({@code info block}); null means QEMU's default
 *     {@code virtioN} by slot
 */
public record DriveConfig(Path file, String format, boolean readOnly, String id) {

  public DriveConfig(Path file, String format, boolean readOnly) {
    this(file, format, readOnly, null);
  }
}
