package dev.cairn.memory;

/**
 * A device register window mapped on the physical bus.
 *
 * <p>Offsets are relative to the start of the region. Sizes are 1, 2, 4 or 8 bytes; values are
 * little-endian and zero-extended to 64 bits. Both methods run on the vCPU thread only, so device
 * implementations need no locking for state touched only from MMIO.
 */
public interface MmioDevice {

  /** Returns the value of {@code size} bytes at {@code offset}; unmapped registers read as zero. */
  long read(long offset, int size);

  /** Writes the low {@code size} bytes of {@code value} at {@code offset}; unknown registers ignore it. */
  void write(long offset, int size, long value);
}
