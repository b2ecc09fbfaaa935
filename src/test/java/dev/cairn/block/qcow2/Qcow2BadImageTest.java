package dev.cairn.block.qcow2;

import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.block.BlockException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged images are refused with an error that says what is wrong, and are not changed. */
class Qcow2BadImageTest {

  @TempDir Path dir;

  private Path image(String name) throws Exception {
    Path q = dir.resolve(name);
    QemuImg.ok("qemu-img", "create", "-f", "qcow2", q.toString(), "16M");
    QemuImg.io(q, "write -P 0x42 0 256k");
    return q;
  }

  private static void patch(Path file, long offset, ByteBuffer bytes) throws Exception {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(bytes, offset);
    }
  }

  private String refusal(Path q) {
    byte[] before = readQuietly(q);
    BlockException e = assertThrows(BlockException.class, () -> Qcow2Image.open(q, false));
    assertArrayEquals(before, readQuietly(q), "a refused image is left as it was");
    return e.getMessage();
  }

  private static byte[] readQuietly(Path q) {
    try {
      return Files.readAllBytes(q);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void refusesATruncatedHeader() throws Exception {
    Path q = image("t.qcow2");
    byte[] head = Files.readAllBytes(q);
    Files.write(q, java.util.Arrays.copyOf(head, 60));
    assertTrue(refusal(q).contains("header is truncated"), refusal(q));
    Files.write(q, java.util.Arrays.copyOf(head, 90)); // a v3 header needs 104 bytes
    assertTrue(refusal(q).contains("version 3 header is truncated"), refusal(q));
  }

  @Test
  void refusesAnL1TablePastTheEndOfTheFile() throws Exception {
    Path q = image("l1.qcow2");
    patch(q, 40, ByteBuffer.allocate(8).putLong(0, 1L << 40));
    String m = refusal(q);
    assertTrue(m.contains("corrupt") && m.contains("L1 table") && m.contains("past the end"), m);
  }

  @Test
  void refusesAnL2TablePastTheEndOnFirstUse() throws Exception {
    Path q = image("l2.qcow2");
    long l1Offset;
    try (FileChannel ch = FileChannel.open(q)) {
      ByteBuffer b = ByteBuffer.allocate(8);
      ch.read(b, 40);
      l1Offset = b.getLong(0);
    }
    patch(q, l1Offset, ByteBuffer.allocate(8).putLong(0, (1L << 63) | (1L << 36)));
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      BlockException e = assertThrows(BlockException.class,
          () -> img.read(0, new byte[512], 0, 512));
      assertTrue(e.getMessage().contains("L2 table") && e.getMessage().contains("past the end"),
          e.getMessage());
    }
  }

  @Test
  void refusesUnknownIncompatibleFeatures() throws Exception {
    Path q = image("f.qcow2");
    patch(q, 72, ByteBuffer.allocate(8).putLong(0, 1L << 20));
    String m = refusal(q);
    assertTrue(m.contains("incompatible qcow2 features") && m.contains("bit 20"), m);
    patch(q, 72, ByteBuffer.allocate(8).putLong(0, 2L));
    m = refusal(q);
    assertTrue(m.contains("corrupt") && m.contains("qemu-img check -r all"), m);
  }

  @Test
  void aDirtyImageIsRepairedWhenOpenedForWriting() throws Exception {
    Path q = image("d.qcow2");
    patch(q, 72, ByteBuffer.allocate(8).putLong(0, 1L)); // dirty
    patch(q, 2 * 65536 + 2 * 9, ByteBuffer.allocate(2).putShort(0, (short) 1)); // a leak
    patch(q, 10 * 65536 - 1, ByteBuffer.allocate(1));
    try (Qcow2Image img = Qcow2Image.open(q, true)) {
      assertEquals(1, img.check().leaks(), "read-only opens read a dirty image as it is");
    }
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      assertTrue(img.check().clean(), img.check().report());
    }
    QemuImg.checkClean(q);
    QemuImg.io(q, "read -P 0x42 0 256k");
    try (FileChannel ch = FileChannel.open(q)) {
      ByteBuffer b = ByteBuffer.allocate(8);
      ch.read(b, 72);
      assertEquals(0, b.getLong(0), "the dirty bit is cleared after the repair");
    }
  }

  @Test
  void refusesNonQcow2AndUnsupportedVersions() throws Exception {
    Path q = image("v.qcow2");
    patch(q, 4, ByteBuffer.allocate(4).putInt(0, 4));
    assertTrue(refusal(q).contains("version 4 is not supported"), refusal(q));
    Path junk = dir.resolve("junk");
    Files.write(junk, new byte[4096]);
    assertTrue(refusal(junk).contains("not a qcow2 image"), refusal(junk));
  }

  @Test
  void refusesASnapshotThatWouldOverflowARefcount() throws Exception {
    Path q = image("o.qcow2");
    // The refcount block of a fresh image sits in cluster 2; cluster 4 holds the first data.
    long dataCluster;
    try (Qcow2Image img = Qcow2Image.open(q, true)) {
      dataCluster = findData(img);
    }
    patch(q, 2 * 65536 + 2 * (dataCluster / 65536), ByteBuffer.allocate(2).putShort(0,
        (short) 0xFFFF));
    byte[] before = Files.readAllBytes(q);
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      BlockException e = assertThrows(BlockException.class, () -> img.createSnapshot("s", 0));
      assertTrue(e.getMessage().contains("refcount overflow"), e.getMessage());
      assertTrue(img.snapshots().isEmpty());
    }
    assertArrayEquals(before, Files.readAllBytes(q), "the failed snapshot changed nothing");
  }

  private static long findData(Qcow2Image img) throws Exception {
    long l2 = img.l1[0] & Qcow2Image.OFFSET_MASK;
    return img.loadL2(l2)[0] & Qcow2Image.OFFSET_MASK;
  }
}
