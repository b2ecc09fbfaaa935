package dev.cairn.cli;

import dev.cairn.machine.DisplayDevices;
import java.util.Map;

/**
 * The {@code -device} drivers for display and input: {@code virtio-gpu-device[,xres=W,yres=H]},
 * {@code virtio-keyboard-device} and {@code virtio-tablet-device}, as QEMU spells them.
 *
 * <p>Reference: QEMU {@code hw/display/virtio-gpu-base.c} (xres, yres properties) and {@code
 * hw/input/virtio-input-hid.c}.
 */
final class DisplayFlags {

  static final String GPU = "virtio-gpu-device";
  static final String KEYBOARD = "virtio-keyboard-device";
  static final String TABLET = "virtio-tablet-device";

  private DisplayFlags() {}

  /**
   * Applies {@code -device ARG} if its driver is one of ours.
   *
   * @return false if the driver is not a display or input device (another row handles it)
   * @throws CliException for a repeated device, an unknown property or a bad size
   */
  static boolean device(RunSpec spec, String arg, Map<String, String> opts) throws CliException {
    String driver = opts.get("driver");
    DisplayDevices d = spec.display;
    if (GPU.equals(driver)) {
      QemuOpts.onlyKeys("-device", arg, opts, "driver", "id", "xres", "yres");
      once(d.gpu(), arg);
      int width = size(arg, opts, "xres", d.width());
      int height = size(arg, opts, "yres", d.height());
      try {
        spec.display = d.withGpu(width, height);
      } catch (IllegalArgumentException e) {
        throw new CliException("-device " + arg + ": " + e.getMessage());
      }
      return true;
    }
    if (KEYBOARD.equals(driver)) {
      QemuOpts.onlyKeys("-device", arg, opts, "driver", "id");
      once(d.keyboard(), arg);
      spec.display = d.withKeyboard();
      return true;
    }
    if (TABLET.equals(driver)) {
      QemuOpts.onlyKeys("-device", arg, opts, "driver", "id");
      once(d.tablet(), arg);
      spec.display = d.withTablet();
      return true;
    }
    return false;
  }

  private static void once(boolean already, String arg) throws CliException {
    if (already) {
      throw new CliException("-device " + arg + ": Cairn has at most one of each display and"
          + " input device");
    }
  }

  private static int size(String arg, Map<String, String> opts, String key, int fallback)
      throws CliException {
    String value = opts.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new CliException("-device " + arg + ": " + key + " must be a number of pixels, not '"
          + value + "'");
    }
  }
}
