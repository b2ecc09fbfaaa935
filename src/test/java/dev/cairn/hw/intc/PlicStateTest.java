package dev.cairn.hw.intc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.cpu.InterruptTarget;
import dev.cairn.hw.FakeHart;
import dev.cairn.state.StateException;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import org.junit.jupiter.api.Test;

/** The PLIC's state description: a restored PLIC claims and interrupts like the original. */
class PlicStateTest {

  private static final int M = 0;
  private static final int S = 1;

  private static void priority(Plic plic, int source, int value) {
    plic.write(4L * source, 4, value);
  }

  private static void enable(Plic plic, int context, int source) {
    long address = Plic.ENABLE_BASE + Plic.ENABLE_STRIDE * context + 4 * (source / 32);
    plic.write(address, 4, plic.read(address, 4) | (1L << (source % 32)));
  }

  private static long claimRegister(int context) {
    return Plic.CONTEXT_BASE + Plic.CONTEXT_STRIDE * context + 4;
  }

  /** Sources 5 (claimed by S, line still high), 10 and 33 pending for M, 7 high but disabled. */
  private static Plic busyPlic(FakeHart hart) {
    Plic plic = new Plic(hart);
    priority(plic, 5, 3);
    priority(plic, 10, 2);
    priority(plic, 33, 6);
    priority(plic, 7, 7);
    enable(plic, S, 5);
    enable(plic, M, 10);
    enable(plic, M, 33);
    plic.write(Plic.CONTEXT_BASE, 4, 1); // M threshold 1
    plic.setLevel(5, true);
    plic.setLevel(10, true);
    plic.setLevel(33, true);
    plic.setLevel(7, true);
    assertEquals(5, plic.read(claimRegister(S), 4));
    return plic;
  }

  private static Plic restore(Plic original, FakeHart hart) throws StateException {
    Plic copy = new Plic(hart);
    StateReader.fromBytes(PlicState.DESCRIPTION, copy,
        StateWriter.toBytes(PlicState.DESCRIPTION, original), 1);
    return copy;
  }

  @Test
  void aRestoredPlicReadsTheSameRegistersAndDrivesTheSameLines() throws Exception {
    FakeHart hart = new FakeHart();
    Plic original = busyPlic(hart);
    FakeHart restoredHart = new FakeHart();
    Plic copy = restore(original, restoredHart);

    for (long offset = 0; offset < Plic.ENABLE_BASE + 2 * Plic.ENABLE_STRIDE; offset += 4) {
      assertEquals(original.read(offset, 4), copy.read(offset, 4), "offset 0x"
          + Long.toHexString(offset));
    }
    assertEquals(original.read(Plic.CONTEXT_BASE, 4), copy.read(Plic.CONTEXT_BASE, 4));
    assertEquals(hart.pending(InterruptTarget.MEIP), restoredHart.pending(InterruptTarget.MEIP));
    assertEquals(hart.pending(InterruptTarget.SEIP), restoredHart.pending(InterruptTarget.SEIP));
    assertTrue(restoredHart.pending(InterruptTarget.MEIP), "postLoad re-drove MEIP");
  }

  @Test
  void aRestoredPlicContinuesClaimsAndCompletionsLikeTheOriginal() throws Exception {
    Plic original = busyPlic(new FakeHart());
    FakeHart restoredHart = new FakeHart();
    Plic copy = restore(original, restoredHart);

    assertEquals(33, copy.read(claimRegister(M), 4));
    assertEquals(original.read(claimRegister(M), 4), 33);
    assertEquals(original.read(claimRegister(M), 4), copy.read(claimRegister(M), 4));
    assertFalse(restoredHart.pending(InterruptTarget.SEIP), "5 is still claimed");
    copy.write(claimRegister(S), 4, 5); // complete 5; its line is still high
    original.write(claimRegister(S), 4, 5);
    assertTrue(restoredHart.pending(InterruptTarget.SEIP));
    assertEquals(original.read(Plic.PENDING_BASE, 4), copy.read(Plic.PENDING_BASE, 4));
  }

  @Test
  void aPendingBitForASourceThatDoesNotExistIsRefusedAndThePlicIsUntouched() throws Exception {
    Plic source = busyPlic(new FakeHart());
    source.pending[Plic.WORDS - 1] |= 1 << 31;
    FakeHart hart = new FakeHart();
    Plic target = new Plic(hart);
    priority(target, 9, 4);
    long[] before = registers(target);

    StateException e = assertThrows(StateException.class, () -> StateReader.fromBytes(
        PlicState.DESCRIPTION, target, StateWriter.toBytes(PlicState.DESCRIPTION, source), 1));
    assertEquals("section 'plic' field 'pending': value array of 4 refused "
        + "(bits of sources 1 to 96)", e.getMessage());
    assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(registers(target)));
  }

  /** Priorities, pending bits and enables, as the guest reads them. */
  private static long[] registers(Plic plic) {
    long[] r = new long[(int) ((Plic.ENABLE_BASE + 2 * Plic.ENABLE_STRIDE) / 4)];
    for (int i = 0; i < r.length; i++) {
      r[i] = plic.read(4L * i, 4);
    }
    return r;
  }
}
