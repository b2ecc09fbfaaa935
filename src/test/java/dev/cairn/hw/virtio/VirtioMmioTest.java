package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.VirtioMmio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.hw.virtio.TestDriver.Buf;
import dev.cairn.memory.GuestRam;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtioMmioTest {

  private GuestRam ram;
  private RecordingIrq irq;
  private VirtioMmio dev;
  private TestDriver drv;

  @BeforeEach
  void setUp() {
    ram = new GuestRam(TestDriver.RAM_BASE, TestDriver.RAM_SIZE);
    irq = new RecordingIrq();
    dev = new VirtioMmio(ram, irq, new VirtioRng(new Random(1)));
    drv = new TestDriver(ram, dev);
  }

  @Test
  void identifiesAsAModernVirtioMmioDeviceFromQemu() {
    assertEquals(0x74726976, drv.reg(MAGIC_VALUE));
    assertEquals(2, drv.reg(VERSION));
    assertEquals(4, drv.reg(DEVICE_ID));
    assertEquals(0x554D4551, drv.reg(VENDOR_ID));
  }

  @Test
  void offersVersion1AndTheRingFeatures() {
    long f = drv.deviceFeatures();
    assertNotEquals(0, f & (1L << VIRTIO_F_VERSION_1));
    assertNotEquals(0, f & (1L << VIRTIO_F_INDIRECT_DESC));
    assertNotEquals(0, f & (1L << VIRTIO_F_EVENT_IDX));
    drv.reg(DEVICE_FEATURES_SEL, 2);
    assertEquals(0, drv.reg(DEVICE_FEATURES));
  }

  @Test
  void refusesFeaturesOkWhenVersion1IsNotAccepted() {
    assertFalse(drv.negotiate(1L << VIRTIO_F_EVENT_IDX));
    assertEquals(STATUS_ACKNOWLEDGE | STATUS_DRIVER, drv.reg(STATUS));
  }

  @Test
  void refusesFeaturesOkWhenTheDriverAcceptsAnUnofferedFeature() {
    assertFalse(drv.negotiate((1L << VIRTIO_F_VERSION_1) | (1L << 34)));
  }

  @Test
  void acceptsFeaturesOkWithVersion1AndFreezesTheFeatureSet() {
    assertTrue(drv.negotiate(1L << VIRTIO_F_VERSION_1));
    drv.reg(DRIVER_FEATURES_SEL, 0);
    drv.reg(DRIVER_FEATURES, 1L << VIRTIO_F_EVENT_IDX);
    assertEquals(1L << VIRTIO_F_VERSION_1, dev.driverFeatures());
  }

  @Test
  void queueSetupIsVisibleThroughTheRegisters() {
    assertTrue(drv.negotiate(1L << VIRTIO_F_VERSION_1));
    drv.reg(QUEUE_SEL, 0);
    assertEquals(VirtioRng.QUEUE_SIZE, drv.reg(QUEUE_NUM_MAX));
    drv.setupQueue(0, 16);
    assertEquals(1, drv.reg(QUEUE_READY));
    assertEquals(drv.desc, drv.reg(QUEUE_DESC_LOW) & 0xFFFF_FFFFL);
    assertEquals(0, drv.reg(QUEUE_DESC_HIGH));
    assertEquals(drv.avail, drv.reg(QUEUE_DRIVER_LOW) & 0xFFFF_FFFFL);
    assertEquals(drv.used, drv.reg(QUEUE_DEVICE_LOW) & 0xFFFF_FFFFL);
    assertEquals(16, dev.queue(0).size());
    drv.reg(QUEUE_SEL, 1);
    assertEquals(0, drv.reg(QUEUE_NUM_MAX), "a queue the device does not have has max size 0");
  }

  @Test
  void raisesTheInterruptForUsedBuffersAndLowersItOnAck() {
    drv.start(1L << VIRTIO_F_VERSION_1, 8);
    long buf = drv.alloc(16, 8);
    drv.submit(Buf.in(buf, 16));
    assertTrue(irq.level);
    assertEquals(INT_USED_BUFFER, drv.reg(INTERRUPT_STATUS));
    assertEquals(INT_USED_BUFFER, drv.ackInterrupt());
    assertFalse(irq.level);
    assertEquals(0, drv.reg(INTERRUPT_STATUS));
  }

  @Test
  void honoursNoInterruptInTheAvailableRingFlags() {
    drv.start(1L << VIRTIO_F_VERSION_1, 8);
    drv.setAvailFlags(Virtqueue.VIRTQ_AVAIL_F_NO_INTERRUPT);
    drv.submit(Buf.in(drv.alloc(16, 8), 16));
    assertEquals(1, drv.usedIdx());
    assertFalse(irq.level);
  }

  @Test
  void withEventIdxInterruptsOnlyWhenUsedEventIsCrossed() {
    drv.start((1L << VIRTIO_F_VERSION_1) | (1L << VIRTIO_F_EVENT_IDX), 8);
    long buf = drv.alloc(64, 8);
    drv.setUsedEvent(0);
    drv.submit(Buf.in(buf, 16)); // used.idx 0 -> 1 crosses used_event 0
    assertTrue(irq.level);
    assertEquals(1, drv.availEvent(), "device asks to be kicked for the next entry");
    drv.ackInterrupt();
    drv.setUsedEvent(5); // driver only wants to hear when entry 5 is used
    drv.submit(Buf.in(buf, 16)); // 1 -> 2
    assertFalse(irq.level);
    assertEquals(2, drv.usedIdx());
    drv.setUsedEvent(2);
    drv.submit(Buf.in(buf, 16)); // 2 -> 3 crosses 2
    assertTrue(irq.level);
    assertEquals(3, drv.availEvent());
  }

  @Test
  void writingZeroToStatusResetsQueuesAndInterrupts() {
    drv.start(1L << VIRTIO_F_VERSION_1, 8);
    drv.submit(Buf.in(drv.alloc(16, 8), 16));
    assertTrue(irq.level);
    drv.reg(STATUS, 0);
    assertEquals(0, drv.reg(STATUS));
    assertFalse(irq.level);
    assertEquals(0, drv.reg(INTERRUPT_STATUS));
    drv.reg(QUEUE_SEL, 0);
    assertEquals(0, drv.reg(QUEUE_READY));
    assertEquals(0, drv.reg(QUEUE_DESC_LOW));
    assertEquals(0, drv.reg(QUEUE_DRIVER_LOW));
    assertEquals(0, drv.reg(QUEUE_DEVICE_LOW));
    assertEquals(0, dev.driverFeatures());
    assertFalse(dev.queue(0).ready());
  }

  @Test
  void aNotifyBeforeDriverOkIsServedWhenDriverOkIsSet() {
    assertTrue(drv.negotiate(1L << VIRTIO_F_VERSION_1));
    drv.setupQueue(0, 8);
    drv.submit(Buf.in(drv.alloc(16, 8), 16));
    assertEquals(0, drv.usedIdx(), "device must not consume buffers before DRIVER_OK");
    drv.driverOk();
    assertEquals(1, drv.usedIdx());
    assertTrue(irq.level);
  }

  @Test
  void aRingOutsideRamMarksTheDeviceNeedsResetInsteadOfEnablingTheQueue() {
    assertTrue(drv.negotiate(1L << VIRTIO_F_VERSION_1));
    drv.reg(QUEUE_SEL, 0);
    drv.reg(QUEUE_NUM, 8);
    drv.reg(QUEUE_DESC_LOW, 0x1000);
    drv.reg(QUEUE_DRIVER_LOW, 0x2000);
    drv.reg(QUEUE_DEVICE_LOW, 0x3000);
    drv.reg(QUEUE_READY, 1);
    assertEquals(0, drv.reg(QUEUE_READY));
    assertNotEquals(0, drv.reg(STATUS) & STATUS_DEVICE_NEEDS_RESET);
  }

  @Test
  void aQueueSizeThatIsNotAPowerOfTwoIsRejected() {
    assertTrue(drv.negotiate(1L << VIRTIO_F_VERSION_1));
    drv.reg(QUEUE_SEL, 0);
    drv.reg(QUEUE_NUM, 12);
    drv.reg(QUEUE_DESC_LOW, TestDriver.RAM_BASE);
    drv.reg(QUEUE_DRIVER_LOW, TestDriver.RAM_BASE + 0x1000);
    drv.reg(QUEUE_DEVICE_LOW, TestDriver.RAM_BASE + 0x2000);
    drv.reg(QUEUE_READY, 1);
    assertEquals(0, drv.reg(QUEUE_READY));
  }

  @Test
  void configChangeBumpsGenerationAndInterruptsOnceDriverOk() {
    drv.start(1L << VIRTIO_F_VERSION_1, 8);
    int gen = drv.reg(CONFIG_GENERATION);
    dev.configChanged();
    assertEquals(gen + 1, drv.reg(CONFIG_GENERATION));
    assertEquals(INT_CONFIG_CHANGE, drv.reg(INTERRUPT_STATUS));
    assertTrue(irq.level);
  }

  @Test
  void subWordAccessesToRegistersAreIgnored() {
    assertEquals(0, dev.read(MAGIC_VALUE, 1));
    dev.write(STATUS, 1, STATUS_ACKNOWLEDGE);
    assertEquals(0, drv.reg(STATUS));
  }

  @Test
  void reportsNoSharedMemoryRegions() {
    drv.reg(SHM_SEL, 0);
    assertEquals(-1, drv.reg(SHM_LEN_LOW));
    assertEquals(-1, drv.reg(SHM_LEN_HIGH));
  }
}
