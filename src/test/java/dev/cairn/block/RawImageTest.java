package dev.cairn.block;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawImageTest {

  @TempDir Path dir;

  @Test
  void writesLandAtTheirOffsetAndReadBack() throws Exception {
    Path f = dir.resolve("a.img");
    try (RawImage img = RawImage.create(f, 64 * 1024)) {
      assertEquals(64 * 1024, img.size());
      assertEquals("raw", img.format());
      assertEquals(f, img.file());
      assertFalse(img.readOnly());
      byte[] data = "hello, disk".getBytes();
      img.write(4096 + 7, data, 0, data.length);
      img.flush();
      byte[] back = new byte[data.length + 2];
      img.read(4096 + 6, back, 1, data.length + 1);
      assertEquals(0, back[1]);
      assertArrayEquals(data, Arrays.copyOfRange(back, 2, 2 + data.length));
    }
    byte[] onDisk = Files.readAllBytes(f);
    assertEquals(64 * 1024, onDisk.length);
    assertEquals('h', onDisk[4096 + 7]);
  }

  @Test
  void neverWrittenRangesReadAsZeros() throws Exception {
    try (RawImage img = RawImage.create(dir.resolve("s.img"), 1 << 20)) {
      byte[] buf = new byte[4096];
      Arrays.fill(buf, (byte) 9);
      img.read(512 * 1024, buf, 0, buf.length);
      assertArrayEquals(new byte[4096], buf);
    }
  }

  @Test
  void accessesOutsideTheImageAreRejected() throws Exception {
    try (RawImage img = RawImage.create(dir.resolve("b.img"), 4096)) {
      byte[] buf = new byte[16];
      assertThrows(BlockException.class, () -> img.read(4090, buf, 0, 16));
      assertThrows(BlockException.class, () -> img.write(-1, buf, 0, 1));
      assertThrows(BlockException.class, () -> img.write(Long.MAX_VALUE, buf, 0, 16));
      assertEquals(4096, Files.size(img.file()), "the file did not grow");
    }
  }

  @Test
  void aReadOnlyImageRefusesWrites() throws Exception {
    Path f = dir.resolve("ro.img");
    RawImage.create(f, 4096).close();
    try (RawImage img = RawImage.open(f, true)) {
      assertTrue(img.readOnly());
      BlockException e =
          assertThrows(BlockException.class, () -> img.write(0, new byte[1], 0, 1));
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      img.flush();
    }
  }

  @Test
  void openingAMissingFileNamesTheFile() {
    Path f = dir.resolve("nope.img");
    BlockException e = assertThrows(BlockException.class, () -> RawImage.open(f, false));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void openingADirectoryNamesTheDirectory() {
    BlockException e = assertThrows(BlockException.class, () -> RawImage.open(dir, true));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("directory"), e.getMessage());
  }

  @Test
  void writeZeroesClearsOnlyTheRange() throws Exception {
    try (RawImage img = RawImage.create(dir.resolve("z.img"), 8192)) {
      byte[] ones = new byte[8192];
      Arrays.fill(ones, (byte) 1);
      img.write(0, ones, 0, ones.length);
      img.writeZeroes(100, 200);
      byte[] back = new byte[8192];
      img.read(0, back, 0, back.length);
      assertEquals(1, back[99]);
      assertEquals(0, back[100]);
      assertEquals(0, back[299]);
      assertEquals(1, back[300]);
    }
  }
}
