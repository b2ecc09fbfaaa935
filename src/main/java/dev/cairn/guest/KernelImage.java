package dev.cairn.guest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Turns the kernel file a package installs into the plain RISC-V Linux {@code Image} the VM
 * loads, and checks it is one.
 *
 * <p>Debian's riscv64 package ships /boot/vmlinux-VERSION, already a plain Image with an EFI stub
 * (it starts with "MZ" and carries "RSC\x05" at 0x38). Other builds may ship it gzip-compressed
 * or as an EFI zboot image ("zimg" at offset 4, gzip payload); both are unpacked here.
 */
public final class KernelImage {

  /** The RISC-V Image header's magic2 field, at offset 0x38. */
  static final byte[] MAGIC = {'R', 'S', 'C', 0x05};

  private KernelImage() {}

  /** True if {@code image} has the RISC-V Image header magic. */
  public static boolean isRiscvImage(byte[] image) {
    return image.length >= 0x40 && Arrays.equals(image, 0x38, 0x3C, MAGIC, 0, 4);
  }

  /** Returns the plain Image for {@code file} (raw, gzip or gzip zboot). */
  public static byte[] toImage(byte[] file, String what) throws GuestBuildException {
    byte[] image = file;
    try {
      if (isGzip(file)) {
        image = gunzip(file, 0, file.length);
      } else if (isZboot(file)) {
        image = unzboot(file, what);
      }
    } catch (IOException e) {
      throw new GuestBuildException("Cannot decompress the kernel " + what + ": " + e.getMessage()
          + ". The kernel package may be damaged; delete the cache and run again.", e);
    }
    if (!isRiscvImage(image)) {
      throw new GuestBuildException("The kernel " + what + " is not a RISC-V Linux Image (no"
          + " \"RSC\\x05\" magic at offset 0x38); Debian may have changed the kernel format.");
    }
    return image;
  }

  private static boolean isGzip(byte[] b) {
    return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  private static boolean isZboot(byte[] b) {
    return b.length > 0x40 && b[0] == 'M' && b[1] == 'Z'
        && new String(b, 4, 4, StandardCharsets.US_ASCII).equals("zimg");
  }

  /** EFI zboot header: payload offset at 8, size at 12, compression name at 0x18. */
  private static byte[] unzboot(byte[] b, String what) throws IOException, GuestBuildException {
    ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int offset = h.getInt(8);
    int size = h.getInt(12);
    int end = 0x18;
    while (end < 0x38 && b[end] != 0) {
      end++;
    }
    String compression = new String(b, 0x18, end - 0x18, StandardCharsets.US_ASCII);
    if (!compression.equals("gzip")) {
      throw new GuestBuildException("The kernel " + what + " is an EFI zboot image compressed"
          + " with " + compression + ", which this tool cannot unpack (only gzip).");
    }
    return gunzip(b, offset, size);
  }

  private static byte[] gunzip(byte[] b, int offset, int length) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b, offset, length))) {
      return in.readAllBytes();
    }
  }
}
