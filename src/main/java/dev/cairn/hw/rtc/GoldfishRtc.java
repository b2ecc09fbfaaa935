package dev.cairn.hw.rtc;

import dev.cairn.cpu.TimeSource;
import dev.cairn.hw.IrqLine;
import dev.cairn.hw.TimedDevice;
import dev.cairn.memory.MmioDevice;

/**
 * The Goldfish RTC: a 64-bit nanosecond wall clock with one alarm.
 *
 * <p>Reference: Android emulator "Goldfish virtual hardware" spec, section "Goldfish real-time
 * clock" (GOLDFISH_RTC registers), as Linux {@code drivers/rtc/rtc-goldfish.c} uses it.
 *
 * <p>The clock runs on virtual time: nanoseconds since the Unix epoch are {@code offsetNanos + now
 * * 100} where {@code now} is the {@link TimeSource} (10 MHz ticks), so it stops while the VM is
 * paused, and the guest setting the time only moves the offset.
 */
public final class GoldfishRtc implements MmioDevice, TimedDevice {

  public static final long SIZE = 0x1000;

  static final int TIME_LOW = 0x00;
  static final int TIME_HIGH = 0x04;
  static final int ALARM_LOW = 0x08;
  static final int ALARM_HIGH = 0x0c;
  static final int IRQ_ENABLED = 0x10;
  static final int CLEAR_ALARM = 0x14;
  static final int ALARM_STATUS = 0x18;
  static final int CLEAR_INTERRUPT = 0x1c;

  static final long NANOS_PER_TICK = 1_000_000_000L / TimeSource.FREQUENCY_HZ;

  private final IrqLine irq;
  private final TimeSource time;

  /** Wall-clock nanoseconds at tick 0 of the time source. */
  long offsetNanos;
  /** TIME_HIGH as latched by the last TIME_LOW read, so the two halves are consistent. */
  int timeHighLatch;
  long alarmNanos;
  boolean alarmRunning;
  boolean irqEnabled;
  boolean irqPending;

  /** A clock that starts at the host's current wall-clock time. */
  public GoldfishRtc(IrqLine irq, TimeSource time) {
    this(irq, time, System.currentTimeMillis() * 1_000_000L);
  }

  /** A clock that reads {@code wallClockNanos} now (tests inject it). */
  public GoldfishRtc(IrqLine irq, TimeSource time, long wallClockNanos) {
    this.irq = irq;
    this.time = time;
    this.offsetNanos = wallClockNanos - time.now() * NANOS_PER_TICK;
    reset();
  }

  /** Cancels the alarm and the interrupt; the clock keeps its time, like a battery-backed RTC. */
  public void reset() {
    timeHighLatch = 0;
    alarmNanos = 0;
    alarmRunning = false;
    irqEnabled = false;
    irqPending = false;
    updateIrq();
  }

  /** Nanoseconds since the Unix epoch at tick {@code now}. */
  public long nanosAt(long now) {
    return offsetNanos + now * NANOS_PER_TICK;
  }

  @Override
  public long read(long offset, int size) {
    long now = nanosAt(time.now());
    switch ((int) offset) {
      case TIME_LOW:
        timeHighLatch = (int) (now >>> 32);
        return now & 0xFFFF_FFFFL;
      case TIME_HIGH:
        return timeHighLatch & 0xFFFF_FFFFL;
      case ALARM_LOW:
        return alarmNanos & 0xFFFF_FFFFL;
      case ALARM_HIGH:
        return alarmNanos >>> 32;
      case IRQ_ENABLED:
        return irqEnabled ? 1 : 0;
      case ALARM_STATUS:
        return alarmRunning ? 1 : 0;
      default:
        return 0;
    }
  }

  @Override
  public void write(long offset, int size, long value) {
    long v = value & 0xFFFF_FFFFL;
    long ticks = time.now();
    switch ((int) offset) {
      case TIME_LOW:
        // Each half replaces its bits of the current time; Linux writes HIGH, then LOW.
        setTime(ticks, (nanosAt(ticks) & 0xFFFF_FFFF_0000_0000L) | v);
        break;
      case TIME_HIGH:
        setTime(ticks, (nanosAt(ticks) & 0xFFFF_FFFFL) | (v << 32));
        break;
      case ALARM_LOW:
        // Writing the low half arms the alarm (Linux writes HIGH first).
        alarmNanos = (alarmNanos & 0xFFFF_FFFF_0000_0000L) | v;
        alarmRunning = true;
        advance(ticks);
        break;
      case ALARM_HIGH:
        alarmNanos = (alarmNanos & 0xFFFF_FFFFL) | (v << 32);
        break;
      case IRQ_ENABLED:
        irqEnabled = (v & 1) != 0;
        updateIrq();
        break;
      case CLEAR_ALARM:
        alarmRunning = false;
        break;
      case CLEAR_INTERRUPT:
        irqPending = false;
        updateIrq();
        break;
      default:
        break;
    }
  }

  private void setTime(long ticks, long nanos) {
    offsetNanos = nanos - ticks * NANOS_PER_TICK;
  }

  /** Fires the alarm once its time has come; returns the tick at which it will. */
  @Override
  public long advance(long now) {
    if (!alarmRunning) {
      return Long.MAX_VALUE;
    }
    long current = nanosAt(now);
    if (Long.compareUnsigned(alarmNanos, current) <= 0) {
      alarmRunning = false;
      irqPending = true;
      updateIrq();
      return Long.MAX_VALUE;
    }
    long remaining = alarmNanos - current;
    if (remaining < 0) {
      // Further away than any signed tick count (the registers are unsigned 64-bit).
      return Long.MAX_VALUE;
    }
    long ticks = remaining / NANOS_PER_TICK + (remaining % NANOS_PER_TICK != 0 ? 1 : 0);
    return now > Long.MAX_VALUE - ticks ? Long.MAX_VALUE : now + ticks;
  }

  void updateIrq() {
    irq.set(irqPending && irqEnabled);
  }
}
