package dev.cairn.monitor;

import java.util.function.LongUnaryOperator;

/**
 * A side-effect-free Sv39/Sv48/Sv57 page-table walk for the monitor's {@code x}, like QEMU's
 * {@code get_phys_page_debug}: it reads PTEs but never sets their A/D bits or raises traps.
 *
 * <p>Reference: RISC-V Privileged Architecture 1.12, section 4.3.2 (virtual address translation).
 */
final class PageWalker {

  private static final long PTE_V = 1;
  private static final long PTE_R = 2;
  private static final long PTE_W = 4;
  private static final long PTE_X = 8;
  private static final long PPN_MASK = (1L << 44) - 1;

  private PageWalker() {}

  /**
   * Translates {@code va} under {@code satp}.
   *
   * @param readLong reads 8 bytes of guest-physical memory; 0 outside RAM (an invalid PTE)
   * @return the physical address, or -1 when the address is not mapped
   */
  static long translate(long satp, long va, LongUnaryOperator readLong) {
    int mode = (int) (satp >>> 60);
    int levels = switch (mode) {
      case 0 -> 0;
      case 8 -> 3;
      case 9 -> 4;
      case 10 -> 5;
      default -> -1;
    };
    if (levels == 0) {
      return va;
    }
    if (levels < 0) {
      return -1;
    }
    int vaBits = 12 + 9 * levels;
    long top = va >> (vaBits - 1);
    if (top != 0 && top != -1) {
      return -1;
    }
    long table = (satp & PPN_MASK) << 12;
    for (int level = levels - 1; level >= 0; level--) {
      long pte = readLong.applyAsLong(table + ((va >>> (12 + 9 * level)) & 511) * 8);
      if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0)) {
        return -1;
      }
      long ppn = (pte >>> 10) & PPN_MASK;
      if ((pte & (PTE_R | PTE_X)) == 0) {
        table = ppn << 12;
        continue;
      }
      long offsetMask = (1L << (12 + 9 * level)) - 1;
      return ((ppn << 12) & ~offsetMask) | (va & offsetMask);
    }
    return -1;
  }
}
