package dev.cairn.hw.intc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.cpu.InterruptTarget;
import dev.cairn.hw.FakeHart;
import dev.cairn.hw.IrqLine;
import org.junit.jupiter.api.Test;

class PlicTest {

  private static final int M = 0;
  private static final int S = 1;

  private final FakeHart hart = new FakeHart();
  private final Plic plic = new Plic(hart);

  private void priority(int source, int value) {
    plic.write(4L * source, 4, value);
  }

  private void enable(int context, int source) {
    long address = 0x2000 + 0x80L * context + 4 * (source / 32);
    long word = plic.read(address, 4);
    plic.write(address, 4, word | (1L << (source % 32)));
  }

  private void threshold(int context, int value) {
    plic.write(0x20_0000 + 0x1000L * context, 4, value);
  }

  private int claim(int context) {
    return (int) plic.read(0x20_0004 + 0x1000L * context, 4);
  }

  private void complete(int context, int source) {
    plic.write(0x20_0004 + 0x1000L * context, 4, source);
  }

  @Test
  void enabledSourceAboveThresholdRaisesSeipAndClaimReturnsIt() {
    priority(10, 1);
    enable(S, 10);
    plic.irq(10).set(true);
    assertTrue(hart.pending(InterruptTarget.SEIP));
    assertFalse(hart.pending(InterruptTarget.MEIP), "not enabled for the M context");
    assertEquals(1L << 10, plic.read(0x1000, 4));
    assertEquals(10, claim(S));
    assertFalse(hart.pending(InterruptTarget.SEIP));
    assertEquals(0, plic.read(0x1000, 4), "claimed source is no longer pending");
  }

  @Test
  void mContextDrivesMeip() {
    priority(3, 2);
    enable(M, 3);
    plic.irq(3).set(true);
    assertTrue(hart.pending(InterruptTarget.MEIP));
    assertFalse(hart.pending(InterruptTarget.SEIP));
  }

  @Test
  void thresholdMasksSourcesAtOrBelowIt() {
    priority(5, 3);
    enable(S, 5);
    threshold(S, 3);
    plic.irq(5).set(true);
    assertFalse(hart.pending(InterruptTarget.SEIP));
    assertEquals(0, claim(S));
    threshold(S, 2);
    assertTrue(hart.pending(InterruptTarget.SEIP));
    assertEquals(5, claim(S));
  }

  @Test
  void priorityZeroNeverInterrupts() {
    enable(S, 7);
    plic.irq(7).set(true);
    assertFalse(hart.pending(InterruptTarget.SEIP));
    assertEquals(0, claim(S));
  }

  @Test
  void claimReturnsHighestPriorityThenLowestId() {
    for (int source : new int[] {2, 4, 9}) {
      enable(S, source);
      plic.irq(source).set(true);
    }
    priority(2, 1);
    priority(4, 5);
    priority(9, 5);
    assertEquals(4, claim(S));
    assertEquals(9, claim(S));
    assertEquals(2, claim(S));
    assertEquals(0, claim(S));
  }

  @Test
  void completeReArmsALineThatIsStillHigh() {
    priority(1, 1);
    enable(S, 1);
    IrqLine line = plic.irq(1);
    line.set(true);
    assertEquals(1, claim(S));
    assertFalse(hart.pending(InterruptTarget.SEIP));
    // Still high but claimed: the gateway holds it back until completion.
    line.set(false);
    line.set(true);
    assertFalse(hart.pending(InterruptTarget.SEIP));
    complete(S, 1);
    assertTrue(hart.pending(InterruptTarget.SEIP));
    assertEquals(1, claim(S));
  }

  @Test
  void completeAfterTheLineDroppedLeavesNothingPending() {
    priority(1, 1);
    enable(S, 1);
    plic.irq(1).set(true);
    assertEquals(1, claim(S));
    plic.irq(1).set(false);
    complete(S, 1);
    assertFalse(hart.pending(InterruptTarget.SEIP));
    assertEquals(0, claim(S));
  }

  @Test
  void aLineThatDropsBeforeClaimIsNoLongerPending() {
    priority(1, 1);
    enable(S, 1);
    plic.irq(1).set(true);
    plic.irq(1).set(false);
    assertFalse(hart.pending(InterruptTarget.SEIP));
  }

  @Test
  void highestSourceIdIsUsableAndSourceZeroIsNot() {
    int last = dev.cairn.hw.VirtMemoryMap.PLIC_SOURCES;
    priority(last, 1);
    enable(S, last);
    plic.irq(last).set(true);
    assertEquals(last, claim(S));
    assertThrows(IllegalArgumentException.class, () -> plic.irq(0));
    assertThrows(IllegalArgumentException.class, () -> plic.irq(last + 1));
    plic.write(0x2000 + 0x80, 4, 0xFFFF_FFFFL);
    assertEquals(0xFFFF_FFFEL, plic.read(0x2000 + 0x80, 4), "enable bit of source 0 is hardwired");
  }

  @Test
  void priorityRegistersKeepThreeBits() {
    priority(6, 0xFF);
    assertEquals(7, plic.read(4L * 6, 4));
  }

  @Test
  void resetClearsEnablesAndLowersInterrupts() {
    priority(10, 1);
    enable(S, 10);
    plic.irq(10).set(true);
    plic.reset();
    assertFalse(hart.pending(InterruptTarget.SEIP));
    assertEquals(0, plic.read(4L * 10, 4));
    assertTrue(plic.isPending(10), "the line is still high after reset");
  }
}
