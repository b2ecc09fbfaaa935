package dev.cairn.hw.rtc;

import dev.cairn.state.StateDescription;

/**
 * The saved state of the {@link GoldfishRtc}: the wall-clock offset, the TIME_HIGH latch, and the
 * alarm and interrupt state.
 *
 * <p>Reference: Android emulator "Goldfish virtual hardware" spec, "Goldfish real-time clock".
 *
 * <p>The offset is relative to tick 0 of the board's clock, so the guest's wall clock continues
 * from the saved instant when the board's clock is restored with it (virtual time, as QEMU's
 * {@code rtc_clock=vm}). Not saved: the interrupt line (a host-side wire; its level is recomputed
 * by postLoad) and the alarm's timer deadline, which the board asks {@code advance} for anew.
 */
public final class GoldfishRtcState {

  /** Version 1: offset, latch, alarm, interrupt enable and pending. */
  public static final StateDescription<GoldfishRtc> DESCRIPTION =
      StateDescription.builder("goldfish-rtc", GoldfishRtc.class)
          .version(1)
          .minimumVersion(1)
          .i64("offsetNanos", r -> r.offsetNanos, (r, v) -> r.offsetNanos = v)
          .i32("timeHighLatch", r -> r.timeHighLatch, (r, v) -> r.timeHighLatch = v)
          .u64("alarmNanos", r -> r.alarmNanos, (r, v) -> r.alarmNanos = v)
          .bool("alarmRunning", r -> r.alarmRunning, (r, v) -> r.alarmRunning = v)
          .bool("irqEnabled", r -> r.irqEnabled, (r, v) -> r.irqEnabled = v)
          .bool("irqPending", r -> r.irqPending, (r, v) -> r.irqPending = v)
          .postLoad((r, fromVersion) -> r.updateIrq())
          .build();

  private GoldfishRtcState() {}
}
