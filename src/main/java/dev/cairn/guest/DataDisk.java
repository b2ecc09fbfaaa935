package dev.cairn.guest;

import dev.cairn.block.qcow2.Qcow2Create;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Debian VM's data disk: an empty qcow2 made by Cairn's block layer, which the guest's
 * {@code /init} formats on first boot and mounts on {@code /data} when the kernel command line
 * names it ({@link #kernelArgument}).
 */
public final class DataDisk {

  /** 4 GiB: sparse on the host, so the size costs nothing until the guest writes. */
  public static final long DEFAULT_SIZE = 4L << 30;

  private DataDisk() {}

  /**
   * Creates {@code file} as an empty qcow2 of {@code size} bytes unless it already exists.
   *
   * @return the file
   * @throws GuestBuildException if it cannot be created
   */
  public static Path ensure(Path file, long size) throws GuestBuildException {
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Qcow2Create.create(file, Qcow2Create.Options.of(size));
      return file;
    } catch (java.io.IOException e) { // BlockException included
      throw new GuestBuildException("cannot create the data disk " + file + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * The kernel command-line word that tells {@code /init} which device is the data disk, e.g.
   * {@code cairn.data=/dev/vda} for the first virtio disk.
   */
  public static String kernelArgument(int virtioDiskIndex) {
    return "cairn.data=/dev/vd" + (char) ('a' + virtioDiskIndex);
  }
}
