package dev.cairn.block.qcow2;

import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.block.BlockDriver;
import dev.cairn.block.BlockDrivers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** qcow2 images exchanged with Debian's qemu-img, both ways. */
class Qcow2InteropTest {

  @TempDir Path dir;

  /** Random writes of odd sizes and offsets, mirrored into {@code shadow}. */
  static void scribble(BlockDriver img, byte[] shadow, long seed, int count, int maxLen)
      throws Exception {
    Random r = new Random(seed);
    for (int i = 0; i < count; i++) {
      int len = 1 + r.nextInt(maxLen);
      long off = (long) (r.nextDouble() * (shadow.length - len));
      byte[] data = new byte[len];
      r.nextBytes(data);
      img.write(off, data, 0, len);
      System.arraycopy(data, 0, shadow, (int) off, len);
    }
  }

  static byte[] readAll(BlockDriver img) throws Exception {
    byte[] all = new byte[(int) img.size()];
    img.read(0, all, 0, all.length);
    return all;
  }

  private Path randomRaw(String name, int size, long seed) throws Exception {
    byte[] data = new byte[size];
    Random r = new Random(seed);
    // Mostly zeros with random islands, so qemu-img leaves holes and allocates clusters.
    for (int i = 0; i < 40; i++) {
      int off = r.nextInt(size - 20000);
      byte[] island = new byte[1 + r.nextInt(20000)];
      r.nextBytes(island);
      System.arraycopy(island, 0, data, off, island.length);
    }
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'compat=1.1', ''",
    "'compat=0.10', ''",
    "'compat=1.1,cluster_size=4096', ''",
    "'compat=1.1', '-c'",
  })
  void readsWhatQemuImgConverted(String options, String compress) throws Exception {
    Path raw = randomRaw("src.raw", 8 << 20, 1);
    Path q = dir.resolve("q.qcow2");
    if (compress.isEmpty()) {
      QemuImg.ok("qemu-img", "convert", "-O", "qcow2", "-o", options, raw.toString(),
          q.toString());
    } else {
      QemuImg.ok("qemu-img", "convert", "-c", "-O", "qcow2", "-o", options, raw.toString(),
          q.toString());
    }
    try (BlockDriver img = BlockDrivers.open(q, null, true)) {
      assertEquals("qcow2", img.format());
      assertArrayEquals(Files.readAllBytes(raw), readAll(img));
    }
  }

  @ParameterizedTest(name = "version {0}, 2^{1} byte clusters")
  @CsvSource({"3, 16", "2, 16", "3, 9", "2, 12"})
  void writesThatQemuImgChecksCleanAndReadsBack(int version, int clusterBits) throws Exception {
    Path q = dir.resolve("w.qcow2");
    byte[] shadow = new byte[24 << 20];
    Qcow2Create.create(q, Qcow2Create.Options.of(shadow.length).withVersion(version)
        .withClusterBits(clusterBits));
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      scribble(img, shadow, 7, 300, 200_000);
      img.writeZeroes(1 << 20, 3 << 20);
      Arrays.fill(shadow, 1 << 20, 4 << 20, (byte) 0);
      img.discard(9 << 20, 1 << 20); // discard: contents unspecified, so mirror what it reads
      img.read(9 << 20, shadow, 9 << 20, 1 << 20);
      img.flush();
      assertTrue(img.check().clean(), img.check().report());
    }
    QemuImg.checkClean(q);
    assertArrayEquals(shadow, Files.readAllBytes(QemuImg.toRaw(q, dir.resolve("w.raw"))));
    try (BlockDriver img = BlockDrivers.open(q, "qcow2", true)) {
      assertArrayEquals(shadow, readAll(img));
    }
  }

  @Test
  void readsAndWritesThroughQemuImgsOwnImageAndBackingFile() throws Exception {
    Path base = randomRaw("base.raw", 4 << 20, 3);
    Path overlay = dir.resolve("overlay.qcow2");
    QemuImg.ok("qemu-img", "create", "-f", "qcow2", "-b", "base.raw", "-F", "raw",
        overlay.toString());
    byte[] shadow = Files.readAllBytes(base);
    try (Qcow2Image img = Qcow2Image.open(overlay, false)) {
      assertNotNull(img.backing());
      assertArrayEquals(shadow, readAll(img));
      scribble(img, shadow, 11, 100, 30_000);
      img.writeZeroes(0, 1 << 16);
      Arrays.fill(shadow, 0, 1 << 16, (byte) 0);
      assertArrayEquals(shadow, readAll(img));
    }
    QemuImg.checkClean(overlay);
    assertArrayEquals(shadow, Files.readAllBytes(QemuImg.toRaw(overlay, dir.resolve("o.raw"))));
    assertArrayEquals(Files.readAllBytes(dir.resolve("base.raw")), Files.readAllBytes(base),
        "the backing file is never written");
  }

  @Test
  void writesIntoClustersQemuIoAllocated() throws Exception {
    Path q = dir.resolve("io.qcow2");
    QemuImg.ok("qemu-img", "create", "-f", "qcow2", q.toString(), "16M");
    QemuImg.io(q, "write -P 0x5a 0 1M", "write -z 2M 1M", "write -P 0x11 4M 64k");
    byte[] shadow = new byte[16 << 20];
    Arrays.fill(shadow, 0, 1 << 20, (byte) 0x5a);
    Arrays.fill(shadow, 4 << 20, (4 << 20) + 65536, (byte) 0x11);
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      assertArrayEquals(shadow, readAll(img));
      scribble(img, shadow, 5, 200, 100_000);
    }
    QemuImg.checkClean(q);
    assertArrayEquals(shadow, Files.readAllBytes(QemuImg.toRaw(q, dir.resolve("io.raw"))));
  }

  @Test
  void aLargeImageStaysSparse() throws Exception {
    Path q = dir.resolve("big.qcow2");
    Qcow2Create.create(q, Qcow2Create.Options.of(10L << 30));
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      byte[] data = new byte[4096];
      Arrays.fill(data, (byte) 1);
      img.write(5L << 30, data, 0, data.length);
      img.write((10L << 30) - 4096, data, 0, data.length);
      byte[] back = new byte[4096];
      img.read(5L << 30, back, 0, 4096);
      assertArrayEquals(data, back);
    }
    QemuImg.checkClean(q);
    long allocated =
        Long.parseLong(QemuImg.ok("stat", "-c", "%b", q.toString()).trim()) * 512;
    assertTrue(allocated < 2 << 20, "allocated " + allocated + " bytes on the host");
    String info = QemuImg.ok("qemu-img", "info", q.toString());
    assertTrue(info.contains("virtual size: 10 GiB"), info);
  }
}
