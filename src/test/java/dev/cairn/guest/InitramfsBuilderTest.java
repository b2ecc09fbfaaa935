package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.junit.jupiter.api.Test;

class InitramfsBuilderTest {

  private static byte[] build() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new InitramfsBuilder(0)
        .charDevice("/dev/console", 0600, 5, 1)
        .file("/bin/busybox", new byte[] {1, 2, 3}, 0755)
        .symlink("/bin/sh", "busybox")
        .directory("/tmp", 01777)
        .file("/init", "#!/bin/busybox sh\n".getBytes(StandardCharsets.UTF_8), 0755)
        .writeTo(out);
    return out.toByteArray();
  }

  @Test
  void parentDirectoriesComeBeforeTheirContents() throws Exception {
    List<String> names = List.copyOf(InitramfsReader.read(build()).keySet());
    assertEquals(List.of("dev", "dev/console", "bin", "bin/busybox", "bin/sh", "tmp", "init"),
        names);
  }

  @Test
  void modesDeviceNumbersAndSymlinkTargetsAreWrittenAsTheKernelExpects() throws Exception {
    Map<String, InitramfsReader.Member> m = InitramfsReader.read(build());
    var console = m.get("dev/console").entry();
    assertEquals(CpioConstants.C_ISCHR | 0600, console.getMode());
    assertEquals(5, console.getRemoteDeviceMaj());
    assertEquals(1, console.getRemoteDeviceMin());
    assertEquals(CpioConstants.C_ISDIR | 0755, m.get("dev").entry().getMode());
    assertEquals(CpioConstants.C_ISDIR | 01777, m.get("tmp").entry().getMode());
    assertEquals(CpioConstants.C_ISLNK | 0777, m.get("bin/sh").entry().getMode());
    assertArrayEquals("busybox".getBytes(StandardCharsets.US_ASCII), m.get("bin/sh").content());
    assertEquals(CpioConstants.C_ISREG | 0755, m.get("init").entry().getMode());
    assertArrayEquals(new byte[] {1, 2, 3}, m.get("bin/busybox").content());
  }

  @Test
  void theArchiveIsNewcWithFourBytePaddingAndATrailer() throws Exception {
    byte[] raw = new GZIPInputStream(new java.io.ByteArrayInputStream(build())).readAllBytes();
    String ascii = new String(raw, StandardCharsets.ISO_8859_1);
    assertTrue(ascii.startsWith("070701"), "newc magic");
    int trailer = ascii.indexOf("TRAILER!!!");
    assertTrue(trailer > 0);
    // Every header starts 4-byte aligned: walk them by their size fields.
    int offset = 0;
    while (true) {
      assertEquals(0, offset % 4);
      assertEquals("070701", ascii.substring(offset, offset + 6));
      int fileSize = Integer.parseInt(ascii.substring(offset + 54, offset + 62), 16);
      int nameSize = Integer.parseInt(ascii.substring(offset + 94, offset + 102), 16);
      String name = ascii.substring(offset + 110, offset + 110 + nameSize - 1);
      offset = (offset + 110 + nameSize + 3) & ~3;
      offset = (offset + fileSize + 3) & ~3;
      if (name.equals("TRAILER!!!")) {
        break;
      }
    }
    assertEquals(0, raw.length % 512, "padded to the cpio block size");
  }
}
