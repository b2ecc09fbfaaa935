package dev.cairn.cpu;

/** The platform timer: {@code mtime}, the value the {@code time} CSR reads, in ticks of 10 MHz. */
public interface TimeSource {

  /** Ticks per second of {@link #now()} (QEMU virt: 10 MHz). */
  long FREQUENCY_HZ = 10_000_000L;

  /** Returns the current time in ticks; monotonic while the machine runs, frozen while paused. */
  long now();
}
