package dev.cairn.guest;

import java.util.List;

/**
 * A decompressed kernel module ready for the initramfs.
 *
 * @param name canonical module name (dashes as underscores, as the kernel names modules)
 * @param path path below /lib/modules/VERSION/, without the .xz suffix
 * @param content the plain ELF bytes
 * @param depends canonical names of modules it needs first
 */
public record KernelModule(String name, String path, byte[] content, List<String> depends) {

  public KernelModule {
    depends = List.copyOf(depends);
  }

  /** The kernel treats '-' and '_' in module names alike; use '_' throughout. */
  public static String canonicalName(String name) {
    return name.replace('-', '_');
  }

  /** The canonical module name of a path like kernel/drivers/char/hw_random/virtio-rng.ko.xz. */
  public static String nameOfPath(String path) {
    String base = path.substring(path.lastIndexOf('/') + 1);
    int ko = base.indexOf(".ko");
    return canonicalName(ko >= 0 ? base.substring(0, ko) : base);
  }
}
