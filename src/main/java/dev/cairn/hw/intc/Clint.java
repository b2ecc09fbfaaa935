package dev.cairn.hw.intc;

import dev.cairn.cpu.InterruptTarget;
import dev.cairn.cpu.TimeSource;
import dev.cairn.hw.TimedDevice;
import dev.cairn.memory.MmioDevice;

/**
 * SiFive CLINT for one hart: the machine software interrupt (msip) and timer (mtimecmp, mtime).
 *
 * <p>Reference: RISC-V ACLINT specification v1.0, sections 2 (MTIMER) and 3 (MSWI), in the legacy
 * SiFive CLINT layout QEMU's {@code virt} uses (msip at 0x0, mtimecmp at 0x4000, mtime at 0xBFF8).
 *
 * <p>{@code mtime} is the machine's {@link TimeSource}, the same clock the {@code time} CSR reads;
 * it is read-only here so the two can never disagree.
 */
public final class Clint implements MmioDevice, TimedDevice {

  static final long MSIP_BASE = 0x0;
  static final long MTIMECMP_BASE = 0x4000;
  static final long MTIME = 0xBFF8;

  final InterruptTarget hart;
  final TimeSource time;

  /** Bit 0 of hart 0's msip register; the other bits are hardwired to zero. */
  boolean msip;
  /** Hart 0's mtimecmp, compared unsigned with mtime. */
  long mtimecmp;

  public Clint(InterruptTarget hart, TimeSource time) {
    this.hart = hart;
    this.time = time;
    reset();
  }

  /**
   * Returns the device to its power-on state. The spec leaves mtimecmp unknown at reset; all ones
   * keeps MTIP low until firmware programs it (OpenSBI writes all ones itself anyway).
   */
  public void reset() {
    msip = false;
    mtimecmp = -1L;
    hart.setInterruptPending(InterruptTarget.MSIP, false);
    hart.setInterruptPending(InterruptTarget.MTIP, false);
  }

  public long mtimecmp() {
    return mtimecmp;
  }

  @Override
  public long read(long offset, int size) {
    if (offset >= MSIP_BASE && offset < MSIP_BASE + 4) {
      return msip && offset == MSIP_BASE ? 1 : 0;
    }
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8) {
      return slice(mtimecmp, offset - MTIMECMP_BASE, size);
    }
    if (offset >= MTIME && offset < MTIME + 8) {
      return slice(time.now(), offset - MTIME, size);
    }
    // Registers of harts this board does not have read as zero.
    return 0;
  }

  @Override
  public void write(long offset, int size, long value) {
    if (offset == MSIP_BASE) {
      msip = (value & 1) != 0;
      hart.setInterruptPending(InterruptTarget.MSIP, msip);
    } else if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8) {
      // 32-bit software writes the two halves separately; merge into the 64-bit register.
      int shift = (int) (offset - MTIMECMP_BASE) * 8;
      long mask = size >= 8 ? -1L : ((1L << (size * 8)) - 1) << shift;
      mtimecmp = (mtimecmp & ~mask) | ((value << shift) & mask);
      advance(time.now());
    }
    // mtime writes are ignored: the time source is shared with the time CSR (see class comment).
  }

  /**
   * Raises MTIP once mtime has reached mtimecmp and lowers it otherwise (a later mtimecmp write
   * clears a pending timer interrupt, which is how software acknowledges it).
   */
  @Override
  public long advance(long now) {
    boolean reached = Long.compareUnsigned(now, mtimecmp) >= 0;
    hart.setInterruptPending(InterruptTarget.MTIP, reached);
    if (reached || mtimecmp < 0) {
      // Either nothing left to wait for, or a deadline beyond any signed tick count.
      return Long.MAX_VALUE;
    }
    return mtimecmp;
  }

  private static long slice(long register, long byteOffset, int size) {
    long value = register >>> (byteOffset * 8);
    return size >= 8 ? value : value & ((1L << (size * 8)) - 1);
  }
}
