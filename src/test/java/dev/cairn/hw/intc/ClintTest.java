package dev.cairn.hw.intc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.cpu.InterruptTarget;
import dev.cairn.hw.FakeHart;
import dev.cairn.hw.ManualTime;
import org.junit.jupiter.api.Test;

class ClintTest {

  private final FakeHart hart = new FakeHart();
  private final ManualTime time = new ManualTime(1000);
  private final Clint clint = new Clint(hart, time);

  @Test
  void mtipIsLowAfterResetAndNoDeadlineIsPending() {
    assertFalse(hart.pending(InterruptTarget.MTIP));
    assertEquals(-1L, clint.read(0x4000, 8));
    assertEquals(Long.MAX_VALUE, clint.advance(time.now()));
    assertFalse(hart.pending(InterruptTarget.MTIP));
  }

  @Test
  void mtipRisesWhenMtimeReachesMtimecmpAndFallsWhenMtimecmpMovesOn() {
    clint.write(0x4000, 8, 1500);
    assertFalse(hart.pending(InterruptTarget.MTIP));
    assertEquals(1500, clint.advance(time.now()));

    time.set(1499);
    assertEquals(1500, clint.advance(time.now()));
    assertFalse(hart.pending(InterruptTarget.MTIP));

    time.set(1500);
    assertEquals(Long.MAX_VALUE, clint.advance(time.now()));
    assertTrue(hart.pending(InterruptTarget.MTIP));

    clint.write(0x4000, 8, 3000);
    assertFalse(hart.pending(InterruptTarget.MTIP), "a later mtimecmp acknowledges the timer");
  }

  @Test
  void writingAnMtimecmpInThePastRaisesMtipAtOnce() {
    clint.write(0x4000, 8, 10);
    assertTrue(hart.pending(InterruptTarget.MTIP));
  }

  @Test
  void mtimecmpHalvesAreWritableSeparately() {
    clint.write(0x4000, 4, 0xFFFF_FFFFL);
    clint.write(0x4004, 4, 0);
    assertEquals(0xFFFF_FFFFL, clint.read(0x4000, 8));
    clint.write(0x4004, 4, 0x12);
    clint.write(0x4000, 4, 0x3456_7890L);
    assertEquals(0x12_3456_7890L, clint.read(0x4000, 8));
    assertEquals(0x3456_7890L, clint.read(0x4000, 4));
    assertEquals(0x12L, clint.read(0x4004, 4));
  }

  @Test
  void mtimeReadsTheTimeSourceWhole() {
    time.set(0x1_2345_6789L);
    assertEquals(0x1_2345_6789L, clint.read(0xBFF8, 8));
    assertEquals(0x2345_6789L, clint.read(0xBFF8, 4));
    assertEquals(0x1L, clint.read(0xBFFC, 4));
  }

  @Test
  void msipBitZeroDrivesTheMachineSoftwareInterrupt() {
    clint.write(0, 4, 0xFFFF_FFFFL);
    assertTrue(hart.pending(InterruptTarget.MSIP));
    assertEquals(1, clint.read(0, 4));
    clint.write(0, 4, 0);
    assertFalse(hart.pending(InterruptTarget.MSIP));
  }

  @Test
  void resetLowersBothInterrupts() {
    clint.write(0, 4, 1);
    clint.write(0x4000, 8, 0);
    clint.reset();
    assertFalse(hart.pending(InterruptTarget.MSIP));
    assertFalse(hart.pending(InterruptTarget.MTIP));
    assertEquals(-1L, clint.mtimecmp());
  }
}
