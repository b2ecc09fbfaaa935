package dev.cairn.machine;

import java.nio.file.Path;

/** One disk of the VM as given by {@code -drive file=...,format=...,if=virtio}. */
public record DriveConfig(Path file, String format, boolean readOnly) {}
