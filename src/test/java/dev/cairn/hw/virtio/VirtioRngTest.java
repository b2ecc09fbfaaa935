package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.VirtioMmio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.hw.virtio.TestDriver.Buf;
import dev.cairn.memory.GuestRam;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VirtioRngTest {

  @Test
  void fillsTheWholeWritableBufferFromTheRandomSource() {
    GuestRam ram = new GuestRam(TestDriver.RAM_BASE, TestDriver.RAM_SIZE);
    RecordingIrq irq = new RecordingIrq();
    VirtioMmio dev = new VirtioMmio(ram, irq, new VirtioRng(new Random(42)));
    TestDriver drv = new TestDriver(ram, dev);
    drv.start(~0L, 16);
    long a = drv.alloc(40, 8);
    long b = drv.alloc(24, 8);
    int head = drv.submit(Buf.in(a, 40), Buf.in(b, 24));
    assertEquals(1, drv.usedIdx());
    assertEquals(head, drv.usedId(0));
    assertEquals(64, drv.usedLen(0));
    byte[] want = new byte[64];
    new Random(42).nextBytes(want);
    byte[] got = new byte[64];
    ram.read(a, got, 0, 40);
    ram.read(b, got, 40, 24);
    assertArrayEquals(want, got);
    assertTrue(irq.level);
    assertEquals(4, drv.reg(DEVICE_ID));
  }
}
