package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.VirtioBlk.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.block.qcow2.QemuImg;
import dev.cairn.block.qcow2.Qcow2Create;
import dev.cairn.block.qcow2.Qcow2Image;
import dev.cairn.hw.virtio.TestDriver.Buf;
import dev.cairn.memory.GuestRam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtio-blk on a qcow2 image: writes, flush, discard and write-zeroes, checked by qemu-img. */
class VirtioBlkQcow2Test {

  private static final int SIZE = 1 << 20;

  @TempDir Path dir;
  private GuestRam ram;
  private TestDriver drv;

  private long header(int type, long sector) {
    long h = drv.alloc(16, 8);
    ram.writeInt(h, type);
    ram.writeInt(h + 4, 0);
    ram.writeLong(h + 8, sector);
    return h;
  }

  private int submit(int type, long sector, long payload, int payloadLen) {
    long st = drv.alloc(1, 1);
    ram.writeByte(st, (byte) 0x7f);
    if (payloadLen == 0) {
      drv.submit(Buf.out(header(type, sector), 16), Buf.in(st, 1));
    } else {
      drv.submit(Buf.out(header(type, sector), 16), Buf.out(payload, payloadLen), Buf.in(st, 1));
    }
    return ram.readByte(st) & 0xFF;
  }

  private long segment(long sector, int sectors) {
    long seg = drv.alloc(16, 8);
    ram.writeLong(seg, sector);
    ram.writeInt(seg + 8, sectors);
    ram.writeInt(seg + 12, 0);
    return seg;
  }

  @Test
  void guestWritesDiscardsAndZeroesLeaveAValidImage() throws Exception {
    Path file = dir.resolve("d.qcow2");
    Qcow2Create.create(file, Qcow2Create.Options.of(SIZE));
    byte[] expect = new byte[SIZE];
    try (Qcow2Image image = Qcow2Image.open(file, false)) {
      ram = new GuestRam(TestDriver.RAM_BASE, TestDriver.RAM_SIZE);
      VirtioMmio dev = new VirtioMmio(ram, new RecordingIrq(), new VirtioBlk(image, "q"));
      drv = new TestDriver(ram, dev);
      drv.start(~0L, 64);
      byte[] data = new byte[256 << 10];
      new Random(3).nextBytes(data);
      long buf = drv.alloc(data.length, 8);
      ram.write(buf, data, 0, data.length);
      assertEquals(VIRTIO_BLK_S_OK, submit(VIRTIO_BLK_T_OUT, 0, buf, data.length));
      System.arraycopy(data, 0, expect, 0, data.length);
      assertEquals(VIRTIO_BLK_S_OK, submit(VIRTIO_BLK_T_FLUSH, 0, 0, 0));
      // Discard the second 64 KiB cluster (sectors 128..255): deallocated, reads as zeros here.
      assertEquals(VIRTIO_BLK_S_OK, submit(VIRTIO_BLK_T_DISCARD, 0, segment(128, 128), 16));
      Arrays.fill(expect, 64 << 10, 128 << 10, (byte) 0);
      // Zero 3 KiB in the middle of the third cluster.
      assertEquals(VIRTIO_BLK_S_OK, submit(VIRTIO_BLK_T_WRITE_ZEROES, 0, segment(300, 6), 16));
      Arrays.fill(expect, 300 * 512, 306 * 512, (byte) 0);
      long in = drv.alloc(SIZE, 8);
      long st = drv.alloc(1, 1);
      drv.submit(Buf.out(header(VIRTIO_BLK_T_IN, 0), 16), Buf.in(in, SIZE), Buf.in(st, 1));
      assertEquals(VIRTIO_BLK_S_OK, ram.readByte(st) & 0xFF);
      byte[] back = new byte[SIZE];
      ram.read(in, back, 0, SIZE);
      assertArrayEquals(expect, back);
      assertTrue(image.check().clean(), image.check().report());
    }
    QemuImg.checkClean(file);
    assertArrayEquals(expect, Files.readAllBytes(QemuImg.toRaw(file, dir.resolve("d.raw"))));
    String map = QemuImg.ok("qemu-img", "map", "--output=json", file.toString());
    assertTrue(map.contains("\"start\": 65536, \"length\": 65536, \"depth\": 0, \"present\": false,"
        + " \"zero\": true, \"data\": false") || map.contains("\"start\": 65536, \"length\": 65536,"
        + " \"depth\": 0, \"zero\": true, \"data\": false"), map);
  }
}
