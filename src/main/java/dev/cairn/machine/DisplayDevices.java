package dev.cairn.machine;

import dev.cairn.hw.virtio.VirtioGpu;

/**
 * The display and input devices of a VM, as QEMU's {@code -device virtio-gpu-device},
 * {@code virtio-keyboard-device} and {@code virtio-tablet-device} add them.
 *
 * @param gpu whether there is a virtio-gpu
 * @param width display width the gpu offers the guest (QEMU's {@code xres})
 * @param height display height the gpu offers the guest (QEMU's {@code yres})
 * @param keyboard whether there is a virtio keyboard
 * @param tablet whether there is a virtio tablet (absolute pointer)
 */
public record DisplayDevices(boolean gpu, int width, int height, boolean keyboard, boolean tablet) {

  /** No display and no input devices (a serial-only VM). */
  public static final DisplayDevices NONE = new DisplayDevices(false,
      VirtioGpu.DEFAULT_WIDTH, VirtioGpu.DEFAULT_HEIGHT, false, false);

  /** What a desktop VM has: gpu at 1024x768, keyboard and tablet. */
  public static final DisplayDevices DESKTOP = new DisplayDevices(true,
      VirtioGpu.DEFAULT_WIDTH, VirtioGpu.DEFAULT_HEIGHT, true, true);

  public DisplayDevices {
    VirtioGpu.checkSize(width, height);
  }

  public DisplayDevices withGpu(int newWidth, int newHeight) {
    return new DisplayDevices(true, newWidth, newHeight, keyboard, tablet);
  }

  public DisplayDevices withKeyboard() {
    return new DisplayDevices(gpu, width, height, true, tablet);
  }

  public DisplayDevices withTablet() {
    return new DisplayDevices(gpu, width, height, keyboard, true);
  }
}
