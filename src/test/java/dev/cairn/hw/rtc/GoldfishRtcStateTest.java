package dev.cairn.hw.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.hw.ManualTime;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import org.junit.jupiter.api.Test;

/** The Goldfish RTC's state description: a restored RTC keeps time and fires its alarm alike. */
class GoldfishRtcStateTest {

  private static final long BASE = 1_795_644_073_000_000_000L;
  private static final long SET = 1_800_000_000_123_456_789L;

  private final ManualTime time = new ManualTime(5_000);
  private boolean originalIrq;
  private boolean copyIrq;

  @Test
  void aRestoredRtcReadsTheSameTimeAndFiresTheSameAlarm() throws Exception {
    GoldfishRtc original = new GoldfishRtc(level -> originalIrq = level, time, BASE);
    original.write(GoldfishRtc.TIME_HIGH, 4, SET >>> 32);
    original.write(GoldfishRtc.TIME_LOW, 4, SET & 0xFFFF_FFFFL);
    long alarm = SET + 2_000_000_000L;
    original.write(GoldfishRtc.ALARM_HIGH, 4, alarm >>> 32);
    original.write(GoldfishRtc.ALARM_LOW, 4, alarm & 0xFFFF_FFFFL);
    original.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
    original.read(GoldfishRtc.TIME_LOW, 4); // latches TIME_HIGH
    time.advance(10_000_000);

    // A clock started at another wall-clock time: the saved offset must win.
    GoldfishRtc copy = new GoldfishRtc(level -> copyIrq = level, time, BASE - 77);
    StateReader.fromBytes(GoldfishRtcState.DESCRIPTION, copy,
        StateWriter.toBytes(GoldfishRtcState.DESCRIPTION, original), 1);

    for (int reg : new int[] {
        GoldfishRtc.TIME_HIGH, GoldfishRtc.ALARM_LOW, GoldfishRtc.ALARM_HIGH,
        GoldfishRtc.IRQ_ENABLED, GoldfishRtc.ALARM_STATUS, GoldfishRtc.TIME_LOW}) {
      assertEquals(original.read(reg, 4), copy.read(reg, 4), "register 0x" + reg);
    }
    assertEquals(original.advance(time.now()), copy.advance(time.now()));
    assertFalse(copyIrq);

    time.advance(10_000_000);
    original.advance(time.now());
    copy.advance(time.now());
    assertTrue(originalIrq);
    assertTrue(copyIrq, "the alarm fires at the saved time");
  }

  @Test
  void aPendingInterruptIsDrivenRightAfterLoad() throws Exception {
    GoldfishRtc original = new GoldfishRtc(level -> originalIrq = level, time, BASE);
    original.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
    original.write(GoldfishRtc.ALARM_HIGH, 4, 0);
    original.write(GoldfishRtc.ALARM_LOW, 4, 1); // long past: fires at once
    assertTrue(originalIrq);

    GoldfishRtc copy = new GoldfishRtc(level -> copyIrq = level, time, BASE);
    StateReader.fromBytes(GoldfishRtcState.DESCRIPTION, copy,
        StateWriter.toBytes(GoldfishRtcState.DESCRIPTION, original), 1);

    assertTrue(copyIrq);
    copy.write(GoldfishRtc.CLEAR_INTERRUPT, 4, 1);
    assertFalse(copyIrq);
  }
}
