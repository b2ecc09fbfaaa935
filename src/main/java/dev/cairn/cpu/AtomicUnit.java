package dev.cairn.cpu;

/**
 * The A extension: LR/SC with a single reservation and the AMOs, acting on RAM after one
 * translation with store permission. With one hart and devices that run between instructions,
 * every AMO is trivially atomic.
 *
 * <p>Reference: RISC-V Unprivileged ISA 20191213, chapter 8 "A" Standard Extension.
 */
final class AtomicUnit {

  private AtomicUnit() {}

  static void execute(Hart hart, Insn in) {
    long[] x = hart.x;
    long va = x[in.rs1];
    boolean word = in.op <= Op.AMOMAXU_W;
    int size = word ? 4 : 8;
    switch (in.op) {
      case Op.LR_W:
      case Op.LR_D: {
        long pa = hart.mmu.atomicAddress(va, size, true);
        x[in.rd] = word ? hart.ram.readInt(pa) : hart.ram.readLong(pa);
        hart.reservationValid = true;
        hart.reservationAddress = pa;
        return;
      }
      case Op.SC_W:
      case Op.SC_D: {
        long pa = hart.mmu.atomicAddress(va, size, false);
        boolean success = hart.reservationValid && hart.reservationAddress == pa;
        hart.reservationValid = false;
        if (success) {
          if (word) {
            hart.ram.writeInt(pa, (int) x[in.rs2]);
          } else {
            hart.ram.writeLong(pa, x[in.rs2]);
          }
        }
        x[in.rd] = success ? 0 : 1;
        return;
      }
      default:
        break;
    }
    long pa = hart.mmu.atomicAddress(va, size, false);
    long src = x[in.rs2];
    if (word) {
      int old = hart.ram.readInt(pa);
      hart.ram.writeInt(pa, (int) combine(in.op - Op.AMOSWAP_W, old, (int) src, true));
      x[in.rd] = old;
    } else {
      long old = hart.ram.readLong(pa);
      hart.ram.writeLong(pa, combine(in.op - Op.AMOSWAP_D, old, src, false));
      x[in.rd] = old;
    }
  }

  /** Applies AMO number {@code kind} (0 = swap .. 8 = maxu, in Op order) to the operands. */
  private static long combine(int kind, long old, long src, boolean word) {
    switch (kind) {
      case 0: return src;
      case 1: return old + src;
      case 2: return old ^ src;
      case 3: return old & src;
      case 4: return old | src;
      case 5: return Math.min(old, src);
      case 6: return Math.max(old, src);
      case 7: return unsignedLess(old, src, word) ? old : src;
      default: return unsignedLess(old, src, word) ? src : old;
    }
  }

  private static boolean unsignedLess(long a, long b, boolean word) {
    return word
        ? Integer.compareUnsigned((int) a, (int) b) < 0
        : Long.compareUnsigned(a, b) < 0;
  }
}
