package dev.cairn.ui.library;

/**
 * One disk of a library VM.
 *
 * @param path the image file (absolute)
 * @param format {@code raw} or {@code qcow2}
 * @param readOnly whether the guest may write to it
 * @param owned whether the file lives in the VM's data directory (created with the VM, so deleted
 *     and cloned with it); a user's own image is never deleted by Cairn
 */
public record DiskDefinition(String path, String format, boolean readOnly, boolean owned) {}
