/**
 * Input towards the guest, independent of any window system: Linux input event codes ({@link
 * dev.cairn.hw.input.LinuxInput}), QEMU's key names for {@code sendkey} ({@link
 * dev.cairn.hw.input.QemuKeyNames}) and the {@link dev.cairn.hw.input.InputEvents} a GUI or the
 * monitor sends (the virtio keyboard and tablet receive them).
 */
package dev.cairn.hw.input;
