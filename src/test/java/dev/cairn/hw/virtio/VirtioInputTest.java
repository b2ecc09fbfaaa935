package dev.cairn.hw.virtio;

import static dev.cairn.hw.input.LinuxInput.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.hw.virtio.TestDriver.Buf;
import dev.cairn.memory.GuestRam;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** virtio-input's configuration space and event queue, checked against virtio 1.2 §5.8. */
class VirtioInputTest {

  private final GuestRam ram = new GuestRam(TestDriver.RAM_BASE, TestDriver.RAM_SIZE);
  private final RecordingIrq irq = new RecordingIrq();

  private VirtioMmio transport(VirtioInput input) {
    return new VirtioMmio(ram, irq, input);
  }

  /** Writes select/subsel as Linux's virtinput_cfg_select does and returns size. */
  private static int select(VirtioMmio dev, int select, int subsel) {
    dev.write(VirtioMmio.CONFIG, 1, select);
    dev.write(VirtioMmio.CONFIG + 1, 1, subsel);
    return (int) dev.read(VirtioMmio.CONFIG + 2, 1);
  }

  private static byte[] data(VirtioMmio dev, int size) {
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = (byte) dev.read(VirtioMmio.CONFIG + 8 + i, 1);
    }
    return out;
  }

  private static boolean bit(byte[] map, int bit) {
    return bit / 8 < map.length && (map[bit / 8] & (1 << (bit % 8))) != 0;
  }

  @Test
  void theKeyboardDescribesItselfAsQemusDoes() {
    VirtioMmio dev = transport(new VirtioInput(VirtioInput.Kind.KEYBOARD));
    assertEquals(18, dev.read(VirtioMmio.DEVICE_ID, 4));
    int n = select(dev, VirtioInput.CFG_ID_NAME, 0);
    assertEquals("QEMU Virtio Keyboard", new String(data(dev, n), StandardCharsets.US_ASCII));
    assertEquals(8, select(dev, VirtioInput.CFG_ID_DEVIDS, 0));
    byte[] ids = data(dev, 8);
    assertEquals(0x06, ids[0]); // BUS_VIRTUAL
    assertEquals(0x0627, (ids[2] & 0xFF) | (ids[3] & 0xFF) << 8);
    byte[] keys = data(dev, select(dev, VirtioInput.CFG_EV_BITS, EV_KEY));
    assertTrue(bit(keys, KEY_A) && bit(keys, KEY_ENTER) && bit(keys, KEY_F1)
        && bit(keys, KEY_LEFTCTRL) && bit(keys, KEY_UP));
    assertFalse(bit(keys, 0), "KEY_RESERVED");
    assertTrue(select(dev, VirtioInput.CFG_EV_BITS, EV_REP) > 0, "the guest repeats keys");
    byte[] leds = data(dev, select(dev, VirtioInput.CFG_EV_BITS, EV_LED));
    assertTrue(bit(leds, LED_CAPSL));
    assertEquals(0, select(dev, VirtioInput.CFG_EV_BITS, EV_ABS));
    assertEquals(0, select(dev, VirtioInput.CFG_ABS_INFO, ABS_X));
    assertEquals(0, select(dev, VirtioInput.CFG_ID_SERIAL, 0));
    assertEquals(0, select(dev, 0x7F, 0), "unknown select");
    assertEquals(0x7F, dev.read(VirtioMmio.CONFIG, 1), "select reads back");
  }

  @Test
  void theTabletHasAbsoluteAxesZeroTo7fffAndThreeButtonsAndAWheel() {
    VirtioMmio dev = transport(new VirtioInput(VirtioInput.Kind.TABLET));
    int n = select(dev, VirtioInput.CFG_ID_NAME, 0);
    assertEquals("QEMU Virtio Tablet", new String(data(dev, n), StandardCharsets.US_ASCII));
    byte[] abs = data(dev, select(dev, VirtioInput.CFG_EV_BITS, EV_ABS));
    assertTrue(bit(abs, ABS_X) && bit(abs, ABS_Y));
    assertEquals(20, select(dev, VirtioInput.CFG_ABS_INFO, ABS_Y));
    assertEquals(0, dev.read(VirtioMmio.CONFIG + 8, 4)); // min
    assertEquals(0x7FFF, dev.read(VirtioMmio.CONFIG + 12, 4)); // max
    byte[] buttons = data(dev, select(dev, VirtioInput.CFG_EV_BITS, EV_KEY));
    assertTrue(bit(buttons, BTN_LEFT) && bit(buttons, BTN_RIGHT) && bit(buttons, BTN_MIDDLE));
    assertFalse(bit(buttons, KEY_A));
    assertTrue(bit(data(dev, select(dev, VirtioInput.CFG_EV_BITS, EV_REL)), REL_WHEEL));
  }

  private static int[] event(GuestRam ram, long addr) {
    return new int[] {ram.readShort(addr) & 0xFFFF, ram.readShort(addr + 2) & 0xFFFF,
        ram.readInt(addr + 4)};
  }

  @Test
  void keysBecomeKeyEventsWithSynReportsAndWaitForBuffers() {
    VirtioInput kbd = new VirtioInput(VirtioInput.Kind.KEYBOARD);
    VirtioMmio dev = transport(kbd);
    TestDriver drv = new TestDriver(ram, dev);
    drv.start(~0L, 16);
    kbd.key(KEY_A, true); // no buffers yet: waits
    kbd.key(KEY_A, true); // a held key pressed again is not a new press
    assertEquals(2, kbd.pending.size());
    long[] bufs = new long[4];
    for (int i = 0; i < 4; i++) {
      bufs[i] = drv.alloc(8, 8);
      drv.makeAvailable(drv.addChain(Buf.in(bufs[i], 8)));
    }
    drv.kick(0);
    assertEquals(2, drv.usedIdx());
    assertArrayEquals(new int[] {EV_KEY, KEY_A, 1}, event(ram, bufs[0]));
    assertArrayEquals(new int[] {EV_SYN, SYN_REPORT, 0}, event(ram, bufs[1]));
    assertEquals(8, drv.usedLen(0));
    assertTrue(irq.level);
    kbd.key(KEY_A, false);
    assertEquals(4, drv.usedIdx());
    assertArrayEquals(new int[] {EV_KEY, KEY_A, 0}, event(ram, bufs[2]));
    kbd.pointer(5, 5); // a keyboard ignores pointer events
    assertTrue(kbd.pending.isEmpty());
  }

  @Test
  void pendingEventsAreBoundedWhenTheGuestNeverReads() {
    VirtioInput kbd = new VirtioInput(VirtioInput.Kind.KEYBOARD);
    transport(kbd);
    for (int i = 0; i < 2000; i++) {
      kbd.key(KEY_A, i % 2 == 0);
    }
    assertEquals(VirtioInput.MAX_PENDING, kbd.pending.size());
  }

  @Test
  void stateKeepsUndeliveredEventsAndRefusesTheOtherKind() throws Exception {
    VirtioInput tablet = new VirtioInput(VirtioInput.Kind.TABLET);
    transport(tablet);
    tablet.pointer(100, 0x7FFF + 5);
    byte[] saved = StateWriter.toBytes(VirtioInputState.DESCRIPTION, tablet);
    VirtioInput restored = new VirtioInput(VirtioInput.Kind.TABLET);
    transport(restored);
    StateReader.fromBytes(VirtioInputState.DESCRIPTION, restored, saved, 1);
    assertEquals(3, restored.pending.size());
    assertEquals(VirtioInput.encode(EV_ABS, ABS_Y, 0x7FFF), restored.pending.toArray()[1]);
    VirtioInput keyboard = new VirtioInput(VirtioInput.Kind.KEYBOARD);
    transport(keyboard);
    assertThrows(dev.cairn.state.StateException.class,
        () -> StateReader.fromBytes(VirtioInputState.DESCRIPTION, keyboard, saved, 1));
    assertTrue(keyboard.pending.isEmpty());
  }
}
