package dev.cairn.guest;

import java.nio.charset.StandardCharsets;

/** Lays out the guest's initramfs: busybox, /init, the kernel modules and a few fixed files. */
public final class InitramfsContent {

  /** Where the list of modules to insmod, in dependency order, is stored. */
  public static final String MODULES_ORDER = "/etc/modules-order";

  private InitramfsContent() {}

  /** Fills a builder with everything the guest needs to reach its shell. */
  public static InitramfsBuilder layout(byte[] busybox, KernelContents kernel, byte[] init,
      byte[] release, long mtime) {
    InitramfsBuilder b = new InitramfsBuilder(mtime);
    for (String dir : new String[] {"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/etc", "/proc",
        "/sys", "/dev", "/lib/modules/" + kernel.version()}) {
      b.directory(dir, 0755);
    }
    b.directory("/tmp", 01777);
    b.directory("/root", 0700);
    // The kernel opens /dev/console for /init before anything mounts devtmpfs.
    b.charDevice("/dev/console", 0600, 5, 1);
    b.file("/bin/busybox", busybox, 0755);
    b.symlink("/bin/sh", "busybox");
    b.file("/init", init, 0755);
    b.file("/etc/cairn-release", release, 0644);
    StringBuilder order = new StringBuilder();
    for (KernelModule m : kernel.modules()) {
      String path = "/lib/modules/" + kernel.version() + "/" + m.path();
      b.file(path, m.content(), 0644);
      order.append(path).append('\n');
    }
    b.file(MODULES_ORDER, order.toString().getBytes(StandardCharsets.UTF_8), 0644);
    return b;
  }
}
