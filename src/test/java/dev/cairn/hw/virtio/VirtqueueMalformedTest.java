package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.VirtioMmio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.hw.virtio.TestDriver.Buf;
import dev.cairn.memory.GuestRam;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A buggy or hostile guest must not be able to throw out of an MMIO write. */
class VirtqueueMalformedTest {

  private GuestRam ram;
  private VirtioMmio dev;
  private TestDriver drv;

  @BeforeEach
  void setUp() {
    ram = new GuestRam(TestDriver.RAM_BASE, TestDriver.RAM_SIZE);
    dev = new VirtioMmio(ram, new RecordingIrq(), new VirtioRng(new Random(1)));
    drv = new TestDriver(ram, dev);
    drv.start(~0L, 8);
  }

  private void assertNeedsReset() {
    assertNotEquals(0, drv.reg(STATUS) & STATUS_DEVICE_NEEDS_RESET);
    assertEquals(0, drv.usedIdx(), "nothing was returned as used");
    assertEquals(INT_CONFIG_CHANGE, drv.reg(INTERRUPT_STATUS) & INT_CONFIG_CHANGE);
  }

  @Test
  void aLoopInNextDoesNotHangOrThrow() {
    long buf = drv.alloc(8, 8);
    drv.writeDesc(drv.desc, 0, buf, 8, Virtqueue.VIRTQ_DESC_F_NEXT | Virtqueue.VIRTQ_DESC_F_WRITE, 1);
    drv.writeDesc(drv.desc, 1, buf, 8, Virtqueue.VIRTQ_DESC_F_NEXT | Virtqueue.VIRTQ_DESC_F_WRITE, 0);
    drv.makeAvailable(0);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void aHeadIndexBeyondTheQueueSizeDoesNotThrow() {
    drv.makeAvailable(999);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void aNextIndexBeyondTheQueueSizeDoesNotThrow() {
    drv.writeDesc(drv.desc, 0, drv.alloc(8, 8), 8, Virtqueue.VIRTQ_DESC_F_NEXT, 77);
    drv.makeAvailable(0);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void aBufferOutsideRamDoesNotThrow() {
    drv.writeDesc(drv.desc, 0, 0x1000, 64, Virtqueue.VIRTQ_DESC_F_WRITE, 0);
    drv.makeAvailable(0);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void aBufferRunningOffTheEndOfRamDoesNotThrow() {
    drv.writeDesc(drv.desc, 0, ram.end() - 16, -1, Virtqueue.VIRTQ_DESC_F_WRITE, 0);
    drv.makeAvailable(0);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void anAvailableIndexThatJumpsPastTheQueueSizeDoesNotThrow() {
    ram.writeShort(drv.avail + 2, (short) 500);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void aNestedIndirectTableDoesNotThrow() {
    long inner = drv.alloc(16, 16);
    drv.writeDesc(inner, 0, inner, 16, Virtqueue.VIRTQ_DESC_F_INDIRECT, 0);
    drv.writeDesc(drv.desc, 0, inner, 16, Virtqueue.VIRTQ_DESC_F_INDIRECT, 0);
    drv.makeAvailable(0);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void anIndirectTableOutsideRamDoesNotThrow() {
    drv.writeDesc(drv.desc, 0, 0x10, 4096, Virtqueue.VIRTQ_DESC_F_INDIRECT, 0);
    drv.makeAvailable(0);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void aLoopInsideAnIndirectTableDoesNotThrow() {
    long table = drv.alloc(32, 16);
    drv.writeDesc(table, 0, drv.alloc(8, 8), 8, Virtqueue.VIRTQ_DESC_F_NEXT | 2, 1);
    drv.writeDesc(table, 1, drv.alloc(8, 8), 8, Virtqueue.VIRTQ_DESC_F_NEXT | 2, 0);
    drv.writeDesc(drv.desc, 0, table, 32, Virtqueue.VIRTQ_DESC_F_INDIRECT, 0);
    drv.makeAvailable(0);
    assertDoesNotThrow(() -> drv.kick(0));
    assertNeedsReset();
  }

  @Test
  void aQueueNotifyForANonexistentQueueIsIgnored() {
    assertDoesNotThrow(() -> drv.kick(5));
    assertDoesNotThrow(() -> drv.kick(0xFFFF));
    assertEquals(0, drv.reg(STATUS) & STATUS_DEVICE_NEEDS_RESET);
  }

  @Test
  void afterNeedsResetTheDeviceWorksAgainOnceReset() {
    drv.makeAvailable(999);
    drv.kick(0);
    assertNeedsReset();
    drv.start(~0L, 8);
    drv.submit(Buf.in(drv.alloc(8, 8), 8));
    assertEquals(1, drv.usedIdx());
    assertEquals(0, drv.reg(STATUS) & STATUS_DEVICE_NEEDS_RESET);
  }
}
