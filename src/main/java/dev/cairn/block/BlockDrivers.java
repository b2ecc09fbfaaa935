package dev.cairn.block;

import dev.cairn.block.qcow2.Qcow2Image;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a disk image with the driver for its format, probing the format when none is given. */
public final class BlockDrivers {

  private static final byte[] QCOW_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

  private BlockDrivers() {}

  /**
   * Opens {@code file} as {@code format} ("raw" or "qcow2"), or as what its first bytes say when
   * {@code format} is null (like QEMU, anything not qcow2 is raw).
   *
   * @throws BlockException naming the file if it cannot be opened or the format is unknown
   */
  public static BlockDriver open(Path file, String format, boolean readOnly)
      throws BlockException {
    String f = format == null ? probe(file) : format;
    return switch (f) {
      case "raw" -> RawImage.open(file, readOnly);
      case "qcow2" -> Qcow2Image.open(file, readOnly);
      default -> throw new BlockException("disk image " + file + ": unknown format '" + f
          + "' (raw, qcow2)");
    };
  }

  /** "qcow2" if the file starts with the qcow magic, else "raw". */
  public static String probe(Path file) throws BlockException {
    if (!Files.exists(file)) {
      throw new BlockException("disk image " + file + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new BlockException("disk image " + file + " is a directory, not a file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return java.util.Arrays.equals(magic, QCOW_MAGIC) ? "qcow2" : "raw";
    } catch (IOException e) {
      throw new BlockException("cannot read disk image " + file + ": " + e.getMessage(), e);
    }
  }
}
