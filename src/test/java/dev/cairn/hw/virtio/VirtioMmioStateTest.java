package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.VirtioMmio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.block.RawImage;
import dev.cairn.hw.virtio.TestDriver.Buf;
import dev.cairn.memory.GuestRam;
import dev.cairn.state.StateException;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtio-mmio transport's state description. RAM is shared between the original and the
 * restored device, as if it had been migrated alongside.
 */
class VirtioMmioStateTest {

  private static final int[] REGISTERS = {
    DEVICE_ID, VENDOR_ID, STATUS, INTERRUPT_STATUS, CONFIG_GENERATION, QUEUE_NUM_MAX,
    QUEUE_READY, QUEUE_DESC_LOW, QUEUE_DESC_HIGH, QUEUE_DRIVER_LOW, QUEUE_DRIVER_HIGH,
    QUEUE_DEVICE_LOW, QUEUE_DEVICE_HIGH,
  };

  private final GuestRam ram = new GuestRam(TestDriver.RAM_BASE, TestDriver.RAM_SIZE);

  @TempDir Path dir;

  private static void restore(VirtioMmio original, VirtioMmio copy) throws StateException {
    StateReader.fromBytes(VirtioMmioState.DESCRIPTION, copy,
        StateWriter.toBytes(VirtioMmioState.DESCRIPTION, original), 1);
  }

  /** A driver for {@code dev} that continues where {@code from} left off. */
  private TestDriver continuing(TestDriver from, VirtioMmio dev) {
    TestDriver d = new TestDriver(ram, dev);
    d.num = from.num;
    d.desc = from.desc;
    d.avail = from.avail;
    d.used = from.used;
    d.nextDesc = from.nextDesc;
    d.availIdx = from.availIdx;
    d.lastSeenUsed = from.lastSeenUsed;
    return d;
  }

  @Test
  void aRestoredTransportReadsTheSameRegistersAndContinuesTheRing() throws Exception {
    RecordingIrq irq = new RecordingIrq();
    VirtioMmio original = new VirtioMmio(ram, irq, new VirtioRng(new Random(1)));
    TestDriver drv = new TestDriver(ram, original);
    drv.start(~0L, 16); // with EVENT_IDX and INDIRECT_DESC
    drv.submit(Buf.in(drv.alloc(32, 8), 32));
    drv.submit(Buf.in(drv.alloc(16, 8), 16));
    drv.reg(DRIVER_FEATURES_SEL, 1);
    assertTrue(irq.level, "the interrupts are not acknowledged yet");

    RecordingIrq restoredIrq = new RecordingIrq();
    VirtioMmio copy = new VirtioMmio(ram, restoredIrq, new VirtioRng(new Random(2)));
    restore(original, copy);

    assertTrue(restoredIrq.level, "postLoad raised the line for the pending interrupt");
    for (int reg : REGISTERS) {
      assertEquals(original.read(reg, 4), copy.read(reg, 4),
          "register 0x" + Integer.toHexString(reg));
    }
    assertEquals(original.driverFeatures(), copy.driverFeatures());
    original.write(DRIVER_FEATURES, 4, 0);
    copy.write(DRIVER_FEATURES, 4, 0);
    assertEquals(original.driverFeatures(), copy.driverFeatures(),
        "FEATURES_OK still freezes the accepted features");

    TestDriver next = continuing(drv, copy);
    next.ackInterrupt();
    assertFalse(restoredIrq.level);
    next.setUsedEvent(2); // EVENT_IDX: interrupt once used.idx passes 2
    int head = next.submit(Buf.in(drv.alloc(8, 8), 8));
    assertEquals(3, next.usedIdx(), "the device consumed avail entry 2, not 0");
    assertEquals(head, next.usedId(2));
    assertEquals(8, next.usedLen(2));
    assertTrue(restoredIrq.level, "the saved signalled-used index allowed this interrupt");
  }

  @Test
  void aStreamForAnotherDeviceInTheSlotIsRefused() throws Exception {
    VirtioMmio rng = new VirtioMmio(ram, new RecordingIrq(), new VirtioRng(new Random(1)));
    Path file = dir.resolve("disk.img");
    RawImage.create(file, 1 << 20).close();
    try (RawImage image = RawImage.open(file, false)) {
      VirtioMmio blk = new VirtioMmio(ram, new RecordingIrq(), new VirtioBlk(image, "d"));
      new TestDriver(ram, blk).start(~0L, 8);
      int status = blk.status();

      StateException e = assertThrows(StateException.class, () -> restore(rng, blk));
      assertEquals("section 'virtio-mmio' field 'deviceId': value 0x4 refused "
          + "(the id of the device in this slot)", e.getMessage());
      assertEquals(status, blk.status());
    }
    assertTrue(Files.exists(file));
  }

  @Test
  void aBrokenQueueStaysBrokenWithItsReason() throws Exception {
    VirtioMmio original = new VirtioMmio(ram, new RecordingIrq(), new VirtioRng(new Random(1)));
    TestDriver drv = new TestDriver(ram, original);
    drv.start(~0L, 16);
    drv.makeAvailable(99); // a head past the queue: the driver corrupted it
    drv.kick(0);
    assertTrue(original.queue(0).broken());

    VirtioMmio copy = new VirtioMmio(ram, new RecordingIrq(), new VirtioRng(new Random(1)));
    restore(original, copy);

    assertTrue(copy.queue(0).broken());
    assertEquals(original.queue(0).brokenReason(), copy.queue(0).brokenReason());
    assertEquals(original.status(), copy.status());
    assertTrue((copy.status() & STATUS_DEVICE_NEEDS_RESET) != 0);
  }

  @Test
  void theDeviceSectionsAreNamedAndEmpty() {
    assertEquals("virtio-blk", VirtioBlkState.DESCRIPTION.name());
    assertEquals("virtio-rng", VirtioRngState.DESCRIPTION.name());
    VirtioRng rng = new VirtioRng(new Random(1));
    // u32 length 3: a field count of 0 and a subsection count of 0.
    assertEquals(7, StateWriter.toBytes(VirtioRngState.DESCRIPTION, rng).length);
  }
}
