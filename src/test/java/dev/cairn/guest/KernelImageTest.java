package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class KernelImageTest {

  private static byte[] image() {
    byte[] img = new byte[4096];
    img[0] = 'M';
    img[1] = 'Z';
    System.arraycopy(KernelImage.MAGIC, 0, img, 0x38, 4);
    return img;
  }

  @Test
  void aPlainImageIsUsedAsIs() throws Exception {
    byte[] img = image();
    assertArrayEquals(img, KernelImage.toImage(img, "vmlinux"));
  }

  @Test
  void aGzipCompressedImageIsUnpacked() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(image());
    }
    assertArrayEquals(image(), KernelImage.toImage(out.toByteArray(), "vmlinuz"));
  }

  @Test
  void aFileWithoutTheRiscvMagicIsRefused() {
    GuestBuildException e = assertThrows(GuestBuildException.class,
        () -> KernelImage.toImage(new byte[4096], "vmlinux"));
    assertTrue(e.getMessage().contains("RSC"), e.getMessage());
  }
}
