package dev.cairn.cpu;

/**
 * Zicsr and the privileged instructions: CSR access, ecall/ebreak, mret/sret, wfi, sfence.vma.
 *
 * <p>Reference: RISC-V Unprivileged ISA 20191213 chapter 9 (Zicsr); Privileged ISA 20211203,
 * sections 3.3 (mret/sret, wfi) and 4.2.1 (sfence.vma), 3.1.6.5 (TVM, TW, TSR).
 */
final class SystemUnit {

  private SystemUnit() {}

  /** Executes {@code in}; returns true if it set pc itself (trap returns), else false. */
  static boolean execute(Hart hart, Insn in) {
    if (in.op <= Op.CSRRCI) {
      try {
        csr(hart, in);
      } catch (Trap t) {
        throw illegal(hart, in); // CSR refusals report the instruction bits, like other illegals
      }
      return false;
    }
    switch (in.op) {
      case Op.ECALL:
        throw hart.trap.set(
            hart.priv == Hart.PRIV_U ? Trap.ECALL_FROM_U
                : hart.priv == Hart.PRIV_S ? Trap.ECALL_FROM_S : Trap.ECALL_FROM_M,
            0);
      case Op.EBREAK:
        throw hart.trap.set(Trap.BREAKPOINT, 0); // QEMU reports mtval = 0 for ebreak
      case Op.MRET:
        if (hart.priv < Hart.PRIV_M) {
          throw illegal(hart, in);
        }
        mret(hart);
        return true;
      case Op.SRET:
        if (hart.priv < Hart.PRIV_S
            || (hart.priv == Hart.PRIV_S && (hart.mstatus & Csr.MSTATUS_TSR) != 0)) {
          throw illegal(hart, in);
        }
        sret(hart);
        return true;
      case Op.WFI:
        if (hart.priv == Hart.PRIV_U
            || (hart.priv == Hart.PRIV_S && (hart.mstatus & Csr.MSTATUS_TW) != 0)) {
          throw illegal(hart, in);
        }
        hart.waitingForInterrupt = true;
        hart.endBatch = true;
        return false;
      case Op.SFENCE_VMA:
        if (hart.priv == Hart.PRIV_U
            || (hart.priv == Hart.PRIV_S && (hart.mstatus & Csr.MSTATUS_TVM) != 0)) {
          throw illegal(hart, in);
        }
        if (in.rs1 != 0) {
          hart.mmu.flushPage(hart.x[in.rs1]);
        } else {
          hart.mmu.flushAll();
        }
        return false;
      default:
        throw illegal(hart, in);
    }
  }

  private static void csr(Hart hart, Insn in) {
    long[] x = hart.x;
    switch (in.op) {
      case Op.CSRRW:
      case Op.CSRRWI: {
        long value = in.op == Op.CSRRW ? x[in.rs1] : in.rs1;
        int csr = (int) in.imm;
        long old = in.rd == Insn.ZERO_SINK ? 0 : CsrFile.read(hart, csr, hart.priv);
        if (in.rd == Insn.ZERO_SINK) {
          CsrFile.read(hart, csr, hart.priv); // the access check still applies
        }
        CsrFile.write(hart, csr, value, hart.priv);
        x[in.rd] = old;
        return;
      }
      case Op.CSRRS:
      case Op.CSRRC:
      case Op.CSRRSI:
      case Op.CSRRCI: {
        int csr = (int) in.imm;
        boolean immediate = in.op == Op.CSRRSI || in.op == Op.CSRRCI;
        long operand = immediate ? in.rs1 : x[in.rs1];
        long old = CsrFile.read(hart, csr, hart.priv);
        if (in.rs1 != 0) {
          boolean set = in.op == Op.CSRRS || in.op == Op.CSRRSI;
          long base = csr == Csr.MIP ? hart.mipForModify() : old;
          CsrFile.write(hart, csr, set ? base | operand : base & ~operand, hart.priv);
        }
        x[in.rd] = old;
        return;
      }
      default:
        throw illegal(hart, in);
    }
  }

  private static Trap illegal(Hart hart, Insn in) {
    return hart.trap.set(Trap.ILLEGAL_INSTRUCTION, in.bits & 0xFFFF_FFFFL);
  }

  private static void mret(Hart hart) {
    long s = hart.mstatus;
    int previous = (int) ((s & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT);
    s = (s & Csr.MSTATUS_MPIE) != 0 ? s | Csr.MSTATUS_MIE : s & ~Csr.MSTATUS_MIE;
    s |= Csr.MSTATUS_MPIE;
    s &= ~Csr.MSTATUS_MPP;
    if (previous != Hart.PRIV_M) {
      s &= ~Csr.MSTATUS_MPRV;
    }
    hart.mstatus = s;
    hart.priv = previous;
    hart.pc = hart.mepc;
    hart.mmu.modeChanged();
    hart.endBatch = true;
  }

  private static void sret(Hart hart) {
    long s = hart.mstatus;
    int previous = (s & Csr.MSTATUS_SPP) != 0 ? Hart.PRIV_S : Hart.PRIV_U;
    s = (s & Csr.MSTATUS_SPIE) != 0 ? s | Csr.MSTATUS_SIE : s & ~Csr.MSTATUS_SIE;
    s |= Csr.MSTATUS_SPIE;
    s &= ~Csr.MSTATUS_SPP;
    s &= ~Csr.MSTATUS_MPRV;
    hart.mstatus = s;
    hart.priv = previous;
    hart.pc = hart.sepc;
    hart.mmu.modeChanged();
    hart.endBatch = true;
  }
}
