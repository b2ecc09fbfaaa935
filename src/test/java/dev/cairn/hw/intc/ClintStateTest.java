package dev.cairn.hw.intc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.cpu.InterruptTarget;
import dev.cairn.hw.FakeHart;
import dev.cairn.hw.ManualTime;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import org.junit.jupiter.api.Test;

/** The CLINT's state description: a restored CLINT reads and interrupts like the original. */
class ClintStateTest {

  private final ManualTime time = new ManualTime(1_000);

  private static Clint restore(Clint original, FakeHart hart, ManualTime time) throws Exception {
    Clint copy = new Clint(hart, time);
    StateReader.fromBytes(ClintState.DESCRIPTION, copy,
        StateWriter.toBytes(ClintState.DESCRIPTION, original), 1);
    return copy;
  }

  @Test
  void aRestoredClintReadsTheSameRegistersAndDrivesTheSameLines() throws Exception {
    FakeHart hart = new FakeHart();
    Clint original = new Clint(hart, time);
    original.write(Clint.MSIP_BASE, 4, 1);
    original.write(Clint.MTIMECMP_BASE, 4, 5_000); // low half, as 32-bit software does
    original.write(Clint.MTIMECMP_BASE + 4, 4, 0);

    FakeHart restoredHart = new FakeHart();
    Clint copy = restore(original, restoredHart, time);

    for (long offset : new long[] {Clint.MSIP_BASE, Clint.MTIMECMP_BASE, Clint.MTIMECMP_BASE + 4}) {
      assertEquals(original.read(offset, 4), copy.read(offset, 4), "offset 0x" + offset);
    }
    assertTrue(restoredHart.pending(InterruptTarget.MSIP));
    assertFalse(restoredHart.pending(InterruptTarget.MTIP));

    time.set(5_000);
    assertEquals(original.advance(time.now()), copy.advance(time.now()));
    assertTrue(restoredHart.pending(InterruptTarget.MTIP), "the timer fires at the saved compare");
  }

  @Test
  void aTimerAlreadyDueIsPendingRightAfterLoad() throws Exception {
    Clint original = new Clint(new FakeHart(), time);
    original.write(Clint.MTIMECMP_BASE, 8, 900);

    FakeHart restoredHart = new FakeHart();
    restore(original, restoredHart, time);

    assertTrue(restoredHart.pending(InterruptTarget.MTIP));
    assertFalse(restoredHart.pending(InterruptTarget.MSIP));
  }
}
