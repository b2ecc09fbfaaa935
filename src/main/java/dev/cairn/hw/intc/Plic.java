package dev.cairn.hw.intc;

import dev.cairn.cpu.InterruptTarget;
import dev.cairn.hw.IrqLine;
import dev.cairn.hw.VirtMemoryMap;
import dev.cairn.memory.MmioDevice;

/**
 * SiFive PLIC for one hart with two contexts (0 = M-mode, 1 = S-mode), as on QEMU's virt board.
 *
 * <p>Reference: RISC-V Platform-Level Interrupt Controller Specification v1.0.0, chapters 3
 * (gateways), 4 (memory map) and 5-9 (priority, pending, enable, threshold, claim/complete).
 *
 * <p>All sources are level-triggered. A gateway holds each device's line level; a source is pending
 * while its line is high and it is not claimed. Once claimed it stays out of the pending set until
 * the target completes it, and then becomes pending again if its line is still high.
 */
public final class Plic implements MmioDevice {

  /**
   * Interrupt source ids 0 to {@code PLIC_SOURCES}: the device tree's {@code riscv,ndev} counts
   * sources 1..ndev, and id 0 means "no interrupt" (hardwired off).
   */
  public static final int SOURCES = VirtMemoryMap.PLIC_SOURCES + 1;
  public static final int CONTEXTS = 2;
  /** Priority registers implement 3 bits (QEMU virt: 7 priority levels). */
  static final int PRIORITY_MASK = 7;

  static final long PRIORITY_BASE = 0x0;
  static final long PENDING_BASE = 0x1000;
  static final long ENABLE_BASE = 0x2000;
  static final long ENABLE_STRIDE = 0x80;
  static final long CONTEXT_BASE = 0x20_0000;
  static final long CONTEXT_STRIDE = 0x1000;

  static final int WORDS = (SOURCES + 31) / 32;
  private static final int[] CONTEXT_CAUSE = {InterruptTarget.MEIP, InterruptTarget.SEIP};

  private final InterruptTarget hart;

  final int[] priority = new int[SOURCES];
  /** Gateway inputs: the current level of each device's line. */
  final boolean[] level = new boolean[SOURCES];
  final int[] pending = new int[WORDS];
  /** Sources claimed by some context and not yet completed. */
  final int[] claimed = new int[WORDS];
  final int[][] enable = new int[CONTEXTS][WORDS];
  final int[] threshold = new int[CONTEXTS];

  public Plic(InterruptTarget hart) {
    this.hart = hart;
    reset();
  }

  /** Clears every register; device lines keep their levels (the devices reset separately). */
  public void reset() {
    java.util.Arrays.fill(priority, 0);
    java.util.Arrays.fill(pending, 0);
    java.util.Arrays.fill(claimed, 0);
    for (int[] e : enable) {
      java.util.Arrays.fill(e, 0);
    }
    java.util.Arrays.fill(threshold, 0);
    for (int source = 1; source < SOURCES; source++) {
      setBit(pending, source, level[source]);
    }
    update();
  }

  /** Returns the line a device drives for interrupt {@code source} (1 to PLIC_SOURCES). */
  public IrqLine irq(int source) {
    if (source <= 0 || source >= SOURCES) {
      throw new IllegalArgumentException("PLIC source " + source + " out of range");
    }
    return high -> setLevel(source, high);
  }

  /** Drives the gateway input of {@code source}; same as {@code irq(source).set(high)}. */
  public void setLevel(int source, boolean high) {
    if (level[source] == high) {
      return;
    }
    level[source] = high;
    // A claimed source stays out of the pending set until completion re-arms it.
    setBit(pending, source, high && !bit(claimed, source));
    update();
  }

  public boolean isPending(int source) {
    return bit(pending, source);
  }

  @Override
  public long read(long offset, int size) {
    if (size == 8) {
      // Registers are 32 bits wide; a 64-bit access covers two neighbours.
      return (read32(offset) & 0xFFFF_FFFFL) | (read32(offset + 4) & 0xFFFF_FFFFL) << 32;
    }
    return read32(offset & ~3L) & 0xFFFF_FFFFL;
  }

  @Override
  public void write(long offset, int size, long value) {
    if (size == 8) {
      write32(offset, (int) value);
      write32(offset + 4, (int) (value >>> 32));
    } else {
      write32(offset & ~3L, (int) value);
    }
  }

  private int read32(long offset) {
    if (offset < PENDING_BASE) {
      int source = (int) (offset >>> 2);
      return source < SOURCES ? priority[source] : 0;
    }
    if (offset < ENABLE_BASE) {
      int word = (int) ((offset - PENDING_BASE) >>> 2);
      return word < WORDS ? pending[word] : 0;
    }
    if (offset < CONTEXT_BASE) {
      int context = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
      int word = (int) (((offset - ENABLE_BASE) % ENABLE_STRIDE) >>> 2);
      return context < CONTEXTS && word < WORDS ? enable[context][word] : 0;
    }
    int context = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
    long register = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
    if (context >= CONTEXTS) {
      return 0;
    }
    if (register == 0) {
      return threshold[context];
    }
    if (register == 4) {
      return claim(context);
    }
    return 0;
  }

  private void write32(long offset, int value) {
    if (offset < PENDING_BASE) {
      int source = (int) (offset >>> 2);
      if (source > 0 && source < SOURCES) {
        priority[source] = value & PRIORITY_MASK;
        update();
      }
    } else if (offset < ENABLE_BASE) {
      // Pending bits are read-only (spec 6); only gateways and claims change them.
    } else if (offset < CONTEXT_BASE) {
      int context = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
      int word = (int) (((offset - ENABLE_BASE) % ENABLE_STRIDE) >>> 2);
      if (context < CONTEXTS && word < WORDS) {
        // Source 0 does not exist; bits past the last source are not implemented.
        int implemented = word == 0 ? ~1 : -1;
        int last = SOURCES - word * 32;
        if (last < 32) {
          implemented &= (1 << last) - 1;
        }
        enable[context][word] = value & implemented;
        update();
      }
    } else {
      int context = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
      long register = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
      if (context >= CONTEXTS) {
        return;
      }
      if (register == 0) {
        threshold[context] = value & PRIORITY_MASK;
        update();
      } else if (register == 4) {
        complete(context, value);
      }
    }
  }

  /**
   * Claims the best interrupt for {@code context}: the highest priority above the threshold,
   * lowest source id on ties. Returns 0 if there is none.
   */
  private int claim(int context) {
    int source = best(context);
    if (source != 0) {
      setBit(pending, source, false);
      setBit(claimed, source, true);
      update();
    }
    return source;
  }

  /** Ends a claim; ignored unless the source is enabled for the context (spec 9). */
  private void complete(int context, int source) {
    if (source <= 0 || source >= SOURCES || !bit(enable[context], source)) {
      return;
    }
    if (bit(claimed, source)) {
      setBit(claimed, source, false);
      // The gateway forwards a new request if the device still holds its line high.
      setBit(pending, source, level[source]);
      update();
    }
  }

  private int best(int context) {
    int bestSource = 0;
    int bestPriority = threshold[context];
    for (int word = 0; word < WORDS; word++) {
      int candidates = pending[word] & enable[context][word];
      while (candidates != 0) {
        int source = word * 32 + Integer.numberOfTrailingZeros(candidates);
        candidates &= candidates - 1;
        if (priority[source] > bestPriority) {
          bestPriority = priority[source];
          bestSource = source;
        }
      }
    }
    return bestSource;
  }

  /** Drives MEIP and SEIP from the pending, enabled sources above each context's threshold. */
  void update() {
    for (int context = 0; context < CONTEXTS; context++) {
      hart.setInterruptPending(CONTEXT_CAUSE[context], best(context) != 0);
    }
  }

  private static boolean bit(int[] words, int index) {
    return (words[index >>> 5] & (1 << (index & 31))) != 0;
  }

  private static void setBit(int[] words, int index, boolean value) {
    if (value) {
      words[index >>> 5] |= 1 << (index & 31);
    } else {
      words[index >>> 5] &= ~(1 << (index & 31));
    }
  }
}
