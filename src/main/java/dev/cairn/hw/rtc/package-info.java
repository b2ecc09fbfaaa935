/**
 * The real-time clock: Goldfish RTC ({@link dev.cairn.hw.rtc.GoldfishRtc}), wall-clock time that
 * advances with the VM's virtual time.
 */
package dev.cairn.hw.rtc;
