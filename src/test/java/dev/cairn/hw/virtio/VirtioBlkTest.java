package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.VirtioBlk.*;
import static dev.cairn.hw.virtio.VirtioMmio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.block.RawImage;
import dev.cairn.hw.virtio.TestDriver.Buf;
import dev.cairn.memory.GuestRam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtioBlkTest {

  private static final long DISK_SIZE = 1 << 20;
  private static final long ALL = ~0L;

  @TempDir Path dir;

  private GuestRam ram;
  private RecordingIrq irq;
  private RawImage image;
  private VirtioMmio dev;
  private TestDriver drv;
  private Path file;

  private void boot(boolean readOnly, long features) throws Exception {
    file = dir.resolve("disk.img");
    if (!Files.exists(file)) {
      RawImage.create(file, DISK_SIZE).close();
    }
    image = RawImage.open(file, readOnly);
    ram = new GuestRam(TestDriver.RAM_BASE, TestDriver.RAM_SIZE);
    irq = new RecordingIrq();
    dev = new VirtioMmio(ram, irq, new VirtioBlk(image, "cairn-test-disk"));
    drv = new TestDriver(ram, dev);
    drv.start(features, 64);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (image != null) {
      image.close();
    }
  }

  /** Writes a request header into guest memory and returns its address. */
  private long header(int type, long sector) {
    long h = drv.alloc(16, 8);
    ram.writeInt(h, type);
    ram.writeInt(h + 4, 0);
    ram.writeLong(h + 8, sector);
    return h;
  }

  private long statusByte() {
    long s = drv.alloc(1, 1);
    ram.writeByte(s, (byte) 0x7f); // neither OK, IOERR nor UNSUPP: proves the device wrote it
    return s;
  }

  private int status(long addr) {
    return ram.readByte(addr) & 0xFF;
  }

  private long fill(byte[] data) {
    long a = drv.alloc(data.length, 8);
    ram.write(a, data, 0, data.length);
    return a;
  }

  @Test
  void advertisesCapacityAndSegMaxInConfigSpaceWithAnyAccessWidth() throws Exception {
    boot(false, ALL);
    long sectors = DISK_SIZE / 512;
    assertEquals(sectors, dev.read(CONFIG, 4));
    assertEquals(0, dev.read(CONFIG + 4, 4));
    assertEquals(sectors, dev.read(CONFIG, 8));
    assertEquals(sectors & 0xFF, dev.read(CONFIG, 1));
    assertEquals((sectors >> 8) & 0xFFFF, dev.read(CONFIG + 1, 2));
    assertEquals(SEG_MAX, dev.read(CONFIG + 0x0c, 4));
    assertEquals(512, dev.read(CONFIG + 0x14, 4));
    assertEquals(0, dev.read(0xffc, 4), "past the end of the config reads zero");
    long f = drv.deviceFeatures();
    assertNotEquals(0, f & (1L << VIRTIO_BLK_F_FLUSH));
    assertNotEquals(0, f & (1L << VIRTIO_BLK_F_SEG_MAX));
    assertNotEquals(0, f & (1L << VIRTIO_BLK_F_BLK_SIZE));
    assertEquals(0, f & (1L << VIRTIO_BLK_F_RO));
  }

  @Test
  void writeSpanningSeveralDescriptorsLandsInTheFileAndReadsBack() throws Exception {
    boot(false, 1L << VIRTIO_F_VERSION_1);
    byte[] data = new byte[2048];
    new Random(7).nextBytes(data);
    long a = fill(Arrays.copyOfRange(data, 0, 512));
    long b = fill(Arrays.copyOfRange(data, 512, 1536));
    long c = fill(Arrays.copyOfRange(data, 1536, 2048));
    long st = statusByte();
    int head =
        drv.submit(
            Buf.out(header(VIRTIO_BLK_T_OUT, 3), 16),
            Buf.out(a, 512),
            Buf.out(b, 1024),
            Buf.out(c, 512),
            Buf.in(st, 1));
    assertEquals(1, drv.usedIdx());
    assertEquals(head, drv.usedId(0));
    assertEquals(1, drv.usedLen(0), "only the status byte was written");
    assertEquals(VIRTIO_BLK_S_OK, status(st));

    byte[] onDisk = Files.readAllBytes(file);
    assertArrayEquals(data, Arrays.copyOfRange(onDisk, 3 * 512, 3 * 512 + 2048));
    assertEquals(0, onDisk[3 * 512 - 1]);
    assertEquals(0, onDisk[3 * 512 + 2048]);

    long r1 = drv.alloc(1536, 8);
    long r2 = drv.alloc(512, 8);
    long st2 = statusByte();
    drv.submit(
        Buf.out(header(VIRTIO_BLK_T_IN, 3), 16), Buf.in(r1, 1536), Buf.in(r2, 512), Buf.in(st2, 1));
    assertEquals(2, drv.usedIdx());
    assertEquals(2048 + 1, drv.usedLen(1));
    assertEquals(VIRTIO_BLK_S_OK, status(st2));
    byte[] back = new byte[2048];
    ram.read(r1, back, 0, 1536);
    ram.read(r2, back, 1536, 512);
    assertArrayEquals(data, back);
  }

  @Test
  void requestsThroughIndirectDescriptorsWork() throws Exception {
    boot(false, ALL);
    byte[] data = new byte[1024];
    new Random(3).nextBytes(data);
    long st = statusByte();
    int head =
        drv.addIndirect(
            Buf.out(header(VIRTIO_BLK_T_OUT, 10), 16), Buf.out(fill(data), 1024), Buf.in(st, 1));
    drv.makeAvailable(head);
    drv.kick(0);
    assertEquals(VIRTIO_BLK_S_OK, status(st));
    byte[] onDisk = Files.readAllBytes(file);
    assertArrayEquals(data, Arrays.copyOfRange(onDisk, 10 * 512, 11 * 512 + 512));
  }

  @Test
  void flushSucceeds() throws Exception {
    boot(false, ALL);
    long st = statusByte();
    drv.submit(Buf.out(header(VIRTIO_BLK_T_FLUSH, 0), 16), Buf.in(st, 1));
    assertEquals(VIRTIO_BLK_S_OK, status(st));
  }

  @Test
  void getIdReturnsTheSerialPaddedToTwentyBytes() throws Exception {
    boot(false, ALL);
    long id = drv.alloc(20, 8);
    ram.write(id, new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0, 20);
    long st = statusByte();
    drv.submit(Buf.out(header(VIRTIO_BLK_T_GET_ID, 0), 16), Buf.in(id, 20), Buf.in(st, 1));
    assertEquals(VIRTIO_BLK_S_OK, status(st));
    byte[] got = new byte[20];
    ram.read(id, got, 0, 20);
    byte[] want = Arrays.copyOf("cairn-test-disk".getBytes(), 20);
    assertArrayEquals(want, got);
    assertEquals(21, drv.usedLen(0));
  }

  @Test
  void aRequestPastTheEndOfTheDiskFailsWithIoerr() throws Exception {
    boot(false, ALL);
    long last = DISK_SIZE / 512 - 1;
    long st = statusByte();
    drv.submit(
        Buf.out(header(VIRTIO_BLK_T_IN, last), 16), Buf.in(drv.alloc(1024, 8), 1024), Buf.in(st, 1));
    assertEquals(VIRTIO_BLK_S_IOERR, status(st));
    assertEquals(1, drv.usedLen(0), "no data reported written on error");

    long st2 = statusByte();
    drv.submit(
        Buf.out(header(VIRTIO_BLK_T_OUT, Long.MIN_VALUE + 5), 16),
        Buf.out(drv.alloc(512, 8), 512),
        Buf.in(st2, 1));
    assertEquals(VIRTIO_BLK_S_IOERR, status(st2));

    long st3 = statusByte();
    drv.submit(
        Buf.out(header(VIRTIO_BLK_T_IN, last), 16), Buf.in(drv.alloc(512, 8), 512), Buf.in(st3, 1));
    assertEquals(VIRTIO_BLK_S_OK, status(st3), "the last sector itself is readable");
    assertEquals(0, dev.status() & STATUS_DEVICE_NEEDS_RESET);
  }

  @Test
  void anUnknownRequestTypeIsUnsupported() throws Exception {
    boot(false, ALL);
    long st = statusByte();
    drv.submit(Buf.out(header(99, 0), 16), Buf.in(st, 1));
    assertEquals(VIRTIO_BLK_S_UNSUPP, status(st));
  }

  @Test
  void aReadOnlyDiskOffersRoAndRefusesWrites() throws Exception {
    Path f = dir.resolve("disk.img");
    RawImage.create(f, DISK_SIZE).close();
    boot(true, ALL);
    assertNotEquals(0, drv.deviceFeatures() & (1L << VIRTIO_BLK_F_RO));
    byte[] data = new byte[512];
    Arrays.fill(data, (byte) 0x55);
    long st = statusByte();
    drv.submit(Buf.out(header(VIRTIO_BLK_T_OUT, 0), 16), Buf.out(fill(data), 512), Buf.in(st, 1));
    assertEquals(VIRTIO_BLK_S_IOERR, status(st));
    assertEquals(0, Files.readAllBytes(file)[0]);
  }

  @Test
  void writeZeroesClearsTheRange() throws Exception {
    boot(false, ALL);
    byte[] ones = new byte[2048];
    Arrays.fill(ones, (byte) 0xff);
    long st = statusByte();
    drv.submit(Buf.out(header(VIRTIO_BLK_T_OUT, 0), 16), Buf.out(fill(ones), 2048), Buf.in(st, 1));
    assertEquals(VIRTIO_BLK_S_OK, status(st));
    long seg = drv.alloc(16, 8);
    ram.writeLong(seg, 1);
    ram.writeInt(seg + 8, 2);
    ram.writeInt(seg + 12, 0);
    long st2 = statusByte();
    drv.submit(Buf.out(header(VIRTIO_BLK_T_WRITE_ZEROES, 0), 16), Buf.out(seg, 16), Buf.in(st2, 1));
    assertEquals(VIRTIO_BLK_S_OK, status(st2));
    byte[] onDisk = Files.readAllBytes(file);
    assertEquals((byte) 0xff, onDisk[511]);
    assertEquals(0, onDisk[512]);
    assertEquals(0, onDisk[1535]);
    assertEquals((byte) 0xff, onDisk[1536]);
  }

  @Test
  void aRequestWithoutStatusByteIsHandedBackWithoutThrowing() throws Exception {
    boot(false, ALL);
    drv.submit(Buf.out(header(VIRTIO_BLK_T_FLUSH, 0), 16));
    assertEquals(1, drv.usedIdx());
    assertEquals(0, drv.usedLen(0));
  }

  @Test
  void completionRaisesTheInterruptAndAckLowersIt() throws Exception {
    boot(false, ALL);
    long st = statusByte();
    drv.submit(Buf.out(header(VIRTIO_BLK_T_FLUSH, 0), 16), Buf.in(st, 1));
    assertTrue(irq.level);
    drv.ackInterrupt();
    assertFalse(irq.level);
  }
}
