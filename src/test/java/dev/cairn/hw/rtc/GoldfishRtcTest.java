package dev.cairn.hw.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.hw.ManualTime;
import org.junit.jupiter.api.Test;

class GoldfishRtcTest {

  private static final long BASE = 1_795_644_073_000_000_000L; // 2026-11-25T22:01:13Z
  private final ManualTime time = new ManualTime(5_000);
  private boolean irq;
  private final GoldfishRtc rtc = new GoldfishRtc(level -> irq = level, time, BASE);

  private long readTime() {
    long low = rtc.read(0x00, 4);
    long high = rtc.read(0x04, 4);
    return high << 32 | low;
  }

  @Test
  void timeStartsAtTheBaseAndAdvancesWithVirtualTime() {
    assertEquals(BASE, readTime());
    time.advance(10_000_000); // one second of 10 MHz ticks
    assertEquals(BASE + 1_000_000_000L, readTime());
  }

  @Test
  void readingTimeLowLatchesTimeHigh() {
    long start = 0xFFFF_FFFFL - 50; // the low word is about to wrap
    GoldfishRtc wrapping = new GoldfishRtc(level -> {}, time, start);
    long low = wrapping.read(0x00, 4);
    time.advance(10);
    long high = wrapping.read(0x04, 4);
    assertEquals(start, high << 32 | low);
  }

  @Test
  void writingHighThenLowSetsTheTimeAsLinuxDoes() {
    long target = 1_000_000_000_000_000_000L;
    rtc.write(0x04, 4, target >>> 32);
    rtc.write(0x00, 4, target & 0xFFFF_FFFFL);
    assertEquals(target, readTime());
    time.advance(10);
    assertEquals(target + 1_000, readTime());
  }

  @Test
  void alarmRaisesTheIrqWhenEnabledAndClearInterruptLowersIt() {
    long alarm = BASE + 2_000_000_000L;
    rtc.write(0x0c, 4, alarm >>> 32);
    rtc.write(0x08, 4, alarm & 0xFFFF_FFFFL);
    rtc.write(0x10, 4, 1);
    assertEquals(1, rtc.read(0x18, 4), "alarm armed");
    assertEquals(5_000 + 20_000_000, rtc.advance(time.now()));
    assertFalse(irq);

    time.advance(20_000_000);
    assertEquals(Long.MAX_VALUE, rtc.advance(time.now()));
    assertTrue(irq);
    assertEquals(0, rtc.read(0x18, 4), "alarm no longer running");

    rtc.write(0x1c, 4, 1);
    assertFalse(irq);
  }

  @Test
  void alarmInThePastFiresAtOnceButStaysQuietWhileIrqDisabled() {
    rtc.write(0x0c, 4, 0);
    rtc.write(0x08, 4, 1);
    assertFalse(irq, "interrupt not enabled");
    rtc.write(0x10, 4, 1);
    assertTrue(irq);
  }

  @Test
  void clearAlarmCancelsIt() {
    long alarm = BASE + 1_000;
    rtc.write(0x0c, 4, alarm >>> 32);
    rtc.write(0x08, 4, alarm & 0xFFFF_FFFFL);
    rtc.write(0x10, 4, 1);
    rtc.write(0x14, 4, 1);
    time.advance(1_000);
    assertEquals(Long.MAX_VALUE, rtc.advance(time.now()));
    assertFalse(irq);
  }
}
