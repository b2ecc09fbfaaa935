package dev.cairn.block.qcow2;

import static dev.cairn.block.qcow2.Qcow2InteropTest.readAll;
import static dev.cairn.block.qcow2.Qcow2InteropTest.scribble;
import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.block.BlockException;
import dev.cairn.block.DiskSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Internal snapshots made by Cairn and by qemu-img, used by the other. */
class Qcow2SnapshotTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "version {0}")
  @ValueSource(ints = {2, 3})
  void snapshotsCreatedAppliedAndDeletedByCairnKeepTheImageClean(int version) throws Exception {
    Path q = dir.resolve("s.qcow2");
    byte[] now = new byte[8 << 20];
    Qcow2Create.create(q, Qcow2Create.Options.of(now.length).withVersion(version));
    byte[] first;
    byte[] second;
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      scribble(img, now, 1, 100, 100_000);
      first = now.clone();
      DiskSnapshot s1 = img.createSnapshot("first", 123_000_000L);
      assertEquals("1", s1.id());
      scribble(img, now, 2, 100, 100_000);
      img.writeZeroes(0, 2 << 20);
      Arrays.fill(now, 0, 2 << 20, (byte) 0);
      second = now.clone();
      img.createSnapshot("second", 0);
      scribble(img, now, 3, 50, 100_000);
      assertTrue(img.check().clean(), img.check().report());
    }
    QemuImg.checkClean(q);
    String list = QemuImg.ok("qemu-img", "snapshot", "-l", q.toString());
    assertTrue(list.contains("first") && list.contains("second"), list);
    assertArrayEquals(now, Files.readAllBytes(QemuImg.toRaw(q, dir.resolve("now.raw"))));
    // qemu-img sees the snapshot's contents too
    QemuImg.ok("qemu-img", "convert", "-O", "raw", "-l", "snapshot.name=first", q.toString(),
        dir.resolve("first.raw").toString());
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("first.raw")));

    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      img.applySnapshot("first");
      assertArrayEquals(first, readAll(img));
      scribble(img, first, 4, 50, 100_000);
      img.applySnapshot("second");
      assertArrayEquals(second, readAll(img));
      img.deleteSnapshot("first");
      assertEquals(List.of("second"), img.snapshots().stream().map(DiskSnapshot::name).toList());
      assertArrayEquals(second, readAll(img));
      assertTrue(img.check().clean(), img.check().report());
    }
    QemuImg.checkClean(q);
    assertArrayEquals(second, Files.readAllBytes(QemuImg.toRaw(q, dir.resolve("s.raw"))));
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      img.deleteSnapshot("second");
      assertTrue(img.snapshots().isEmpty());
    }
    String check = QemuImg.checkClean(q);
    assertTrue(check.contains("No errors"), check);
    assertArrayEquals(second, Files.readAllBytes(QemuImg.toRaw(q, dir.resolve("s2.raw"))));
  }

  @Test
  void appliesSnapshotsThatQemuImgCreated() throws Exception {
    Path q = dir.resolve("q.qcow2");
    QemuImg.ok("qemu-img", "create", "-f", "qcow2", q.toString(), "8M");
    QemuImg.io(q, "write -P 0x01 0 3M");
    QemuImg.ok("qemu-img", "snapshot", "-c", "one", q.toString());
    QemuImg.io(q, "write -P 0x02 1M 3M");
    QemuImg.ok("qemu-img", "snapshot", "-c", "two", q.toString());
    QemuImg.io(q, "write -P 0x03 0 8M");
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      assertEquals(List.of("one", "two"),
          img.snapshots().stream().map(DiskSnapshot::name).toList());
      img.applySnapshot("one");
      byte[] expect = new byte[8 << 20];
      Arrays.fill(expect, 0, 3 << 20, (byte) 1);
      assertArrayEquals(expect, readAll(img));
      img.applySnapshot("2"); // by id, like qemu-img
      Arrays.fill(expect, 1 << 20, 4 << 20, (byte) 2);
      assertArrayEquals(expect, readAll(img));
      img.deleteSnapshot("one");
    }
    QemuImg.checkClean(q);
    String list = QemuImg.ok("qemu-img", "snapshot", "-l", q.toString());
    assertFalse(list.contains("one"), list);
    assertTrue(list.contains("two"), list);
  }

  @Test
  void refusesDuplicateAndUnknownNames() throws Exception {
    Path q = dir.resolve("n.qcow2");
    Qcow2Create.create(q, Qcow2Create.Options.of(1 << 20));
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      img.createSnapshot("a", 0);
      BlockException dup = assertThrows(BlockException.class, () -> img.createSnapshot("a", 0));
      assertTrue(dup.getMessage().contains("'a' already exists"), dup.getMessage());
      BlockException missing = assertThrows(BlockException.class, () -> img.applySnapshot("b"));
      assertTrue(missing.getMessage().contains("'b' does not exist"), missing.getMessage());
      assertThrows(BlockException.class, () -> img.deleteSnapshot("b"));
      assertEquals(1, img.snapshots().size());
    }
    QemuImg.checkClean(q);
  }
}
