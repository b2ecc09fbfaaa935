package dev.cairn.cpu;

/**
 * Reads and writes of CSRs with their access rules: the privilege encoded in the CSR number,
 * read-only CSRs, counter enables, TVM for satp, FS for the FP CSRs, and WARL legalisation.
 *
 * <p>Reference: RISC-V Privileged ISA 20211203, section 2.1 (CSR address mapping conventions),
 * 3.1 (machine-level CSRs), 4.1 (supervisor-level CSRs); Unprivileged ISA chapter 11.2 (fcsr).
 */
final class CsrFile {

  private CsrFile() {}

  private static Trap illegal(Hart hart) {
    return hart.trap.set(Trap.ILLEGAL_INSTRUCTION, 0);
  }

  private static void checkPrivilege(Hart hart, int csr, int priv) {
    if (priv < ((csr >>> 8) & 3)) {
      throw illegal(hart);
    }
  }

  private static void checkFp(Hart hart) {
    if ((hart.mstatus & Csr.MSTATUS_FS) == 0) {
      throw illegal(hart);
    }
  }

  private static void checkCounter(Hart hart, int csr, int priv) {
    int bit = csr & 31;
    if (priv < Hart.PRIV_M && ((hart.mcounteren >>> bit) & 1) == 0) {
      throw illegal(hart);
    }
    if (priv < Hart.PRIV_S && ((hart.scounteren >>> bit) & 1) == 0) {
      throw illegal(hart);
    }
  }

  static long mstatusWithSd(long mstatus) {
    return (mstatus & Csr.MSTATUS_FS) == Csr.MSTATUS_FS ? mstatus | Csr.MSTATUS_SD : mstatus;
  }

  /** Returns the CSR's value as seen from {@code priv}; raises illegal instruction if refused. */
  static long read(Hart hart, int csr, int priv) {
    checkPrivilege(hart, csr, priv);
    if (csr >= Csr.CYCLE && csr <= Csr.HPMCOUNTER31) {
      checkCounter(hart, csr, priv);
      switch (csr) {
        case Csr.CYCLE:
        case Csr.INSTRET:
          return hart.instret;
        case Csr.TIME:
          return hart.time.now();
        default:
          return 0;
      }
    }
    if (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63) {
      return hart.pmpaddr[csr - Csr.PMPADDR0];
    }
    if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15) {
      if ((csr & 1) != 0) {
        throw illegal(hart); // odd pmpcfg registers do not exist on RV64
      }
      return hart.pmpcfg[csr - Csr.PMPCFG0];
    }
    if ((csr >= Csr.MHPMCOUNTER3 && csr <= Csr.MHPMCOUNTER31)
        || (csr >= Csr.MHPMEVENT3 && csr <= Csr.MHPMEVENT31)) {
      return 0;
    }
    switch (csr) {
      case Csr.FFLAGS: checkFp(hart); return hart.fpu.flags & 0x1f;
      case Csr.FRM: checkFp(hart); return hart.frm;
      case Csr.FCSR: checkFp(hart); return ((long) hart.frm << 5) | (hart.fpu.flags & 0x1f);
      case Csr.SSTATUS: return mstatusWithSd(hart.mstatus) & Csr.SSTATUS_VISIBLE;
      case Csr.SIE: return hart.mie & hart.mideleg;
      case Csr.STVEC: return hart.stvec;
      case Csr.SCOUNTEREN: return hart.scounteren;
      case Csr.SENVCFG: return hart.senvcfg;
      case Csr.SSCRATCH: return hart.sscratch;
      case Csr.SEPC: return hart.sepc;
      case Csr.SCAUSE: return hart.scause;
      case Csr.STVAL: return hart.stval;
      case Csr.SIP: return hart.mip() & hart.mideleg;
      case Csr.SATP:
        if (priv == Hart.PRIV_S && (hart.mstatus & Csr.MSTATUS_TVM) != 0) {
          throw illegal(hart);
        }
        return hart.satp;
      case Csr.MVENDORID:
      case Csr.MARCHID:
      case Csr.MIMPID:
      case Csr.MCONFIGPTR:
        return 0;
      case Csr.MHARTID: return hart.hartId();
      case Csr.MSTATUS: return mstatusWithSd(hart.mstatus);
      case Csr.MISA: return Csr.MISA_VALUE;
      case Csr.MEDELEG: return hart.medeleg;
      case Csr.MIDELEG: return hart.mideleg;
      case Csr.MIE: return hart.mie;
      case Csr.MTVEC: return hart.mtvec;
      case Csr.MCOUNTEREN: return hart.mcounteren;
      case Csr.MENVCFG: return hart.menvcfg;
      case Csr.MCOUNTINHIBIT: return hart.mcountinhibit;
      case Csr.MSCRATCH: return hart.mscratch;
      case Csr.MEPC: return hart.mepc;
      case Csr.MCAUSE: return hart.mcause;
      case Csr.MTVAL: return hart.mtval;
      case Csr.MIP: return hart.mip();
      case Csr.MCYCLE:
      case Csr.MINSTRET:
        return hart.instret;
      default:
        throw illegal(hart);
    }
  }

  /** Writes the CSR from {@code priv}, legalising the value; raises illegal instruction if refused. */
  static void write(Hart hart, int csr, long value, int priv) {
    checkPrivilege(hart, csr, priv);
    if ((csr >>> 10) == 3) {
      throw illegal(hart); // read-only CSR
    }
    if (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63) {
      hart.pmpaddr[csr - Csr.PMPADDR0] = value & ((1L << 54) - 1);
      return;
    }
    if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15) {
      if ((csr & 1) != 0) {
        throw illegal(hart);
      }
      hart.pmpcfg[csr - Csr.PMPCFG0] = value;
      return;
    }
    if ((csr >= Csr.MHPMCOUNTER3 && csr <= Csr.MHPMCOUNTER31)
        || (csr >= Csr.MHPMEVENT3 && csr <= Csr.MHPMEVENT31)) {
      return; // no performance counters: they read as zero
    }
    switch (csr) {
      case Csr.FFLAGS: checkFp(hart); hart.fpu.flags = (int) value & 0x1f; fpDirty(hart); return;
      case Csr.FRM: checkFp(hart); hart.frm = (int) value & 7; fpDirty(hart); return;
      case Csr.FCSR:
        checkFp(hart);
        hart.frm = (int) (value >>> 5) & 7;
        hart.fpu.flags = (int) value & 0x1f;
        fpDirty(hart);
        return;
      case Csr.SSTATUS:
        writeMstatus(hart, (hart.mstatus & ~Csr.SSTATUS_WRITABLE) | (value & Csr.SSTATUS_WRITABLE));
        return;
      case Csr.SIE:
        hart.mie = (hart.mie & ~hart.mideleg) | (value & hart.mideleg);
        hart.endBatch = true;
        return;
      case Csr.STVEC: hart.stvec = legalTvec(value); return;
      case Csr.SCOUNTEREN: hart.scounteren = value & 0xFFFF_FFFFL; return;
      case Csr.SENVCFG: hart.senvcfg = value & 1; return;
      case Csr.SSCRATCH: hart.sscratch = value; return;
      case Csr.SEPC: hart.sepc = value & ~1L; return;
      case Csr.SCAUSE: hart.scause = value; return;
      case Csr.STVAL: hart.stval = value; return;
      case Csr.SIP: {
        long writable = Csr.SSIP_BIT & hart.mideleg;
        hart.mipSoftware = (hart.mipSoftware & ~writable) | (value & writable);
        hart.endBatch = true;
        return;
      }
      case Csr.SATP:
        if (priv == Hart.PRIV_S && (hart.mstatus & Csr.MSTATUS_TVM) != 0) {
          throw illegal(hart);
        }
        writeSatp(hart, value);
        return;
      case Csr.MSTATUS:
        writeMstatus(hart, (hart.mstatus & ~Csr.MSTATUS_WRITABLE) | (value & Csr.MSTATUS_WRITABLE));
        return;
      case Csr.MISA: return; // fixed: extensions cannot be switched off
      case Csr.MEDELEG: hart.medeleg = value & Csr.MEDELEG_WRITABLE; return;
      case Csr.MIDELEG: hart.mideleg = value & Csr.S_INTERRUPTS; hart.endBatch = true; return;
      case Csr.MIE: hart.mie = value & Csr.ALL_INTERRUPTS; hart.endBatch = true; return;
      case Csr.MTVEC: hart.mtvec = legalTvec(value); return;
      case Csr.MCOUNTEREN: hart.mcounteren = value & 0xFFFF_FFFFL; return;
      case Csr.MENVCFG: hart.menvcfg = value & 1; return; // FIOM only: no Sstc, Svpbmt, Zicbo*
      case Csr.MCOUNTINHIBIT: hart.mcountinhibit = value & ~2L; return;
      case Csr.MSCRATCH: hart.mscratch = value; return;
      case Csr.MEPC: hart.mepc = value & ~1L; return;
      case Csr.MCAUSE: hart.mcause = value; return;
      case Csr.MTVAL: hart.mtval = value; return;
      case Csr.MIP:
        hart.mipSoftware = (hart.mipSoftware & ~Csr.S_INTERRUPTS) | (value & Csr.S_INTERRUPTS);
        hart.endBatch = true;
        return;
      case Csr.MCYCLE:
      case Csr.MINSTRET:
        hart.instret = value;
        return;
      default:
        throw illegal(hart);
    }
  }

  private static void fpDirty(Hart hart) {
    hart.mstatus |= Csr.MSTATUS_FS;
  }

  /** Direct (0) and vectored (1) modes exist; the reserved modes 2 and 3 fall back to direct. */
  private static long legalTvec(long value) {
    return (value & 3) >= 2 ? value & ~3L : value;
  }

  private static void writeMstatus(Hart hart, long value) {
    long old = hart.mstatus;
    if (((value & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT) == 2) {
      value = (value & ~Csr.MSTATUS_MPP) | (old & Csr.MSTATUS_MPP); // MPP=2 is reserved: WARL
    }
    value = (value & ~Csr.MSTATUS_SD) | Csr.MSTATUS_XLEN64;
    hart.mstatus = value;
    long changed = old ^ value;
    if ((changed & Csr.MSTATUS_MXR) != 0) {
      hart.mmu.flushAll();
    }
    if ((changed & (Csr.MSTATUS_MPRV | Csr.MSTATUS_MPP | Csr.MSTATUS_SUM)) != 0) {
      hart.mmu.modeChanged();
    }
    if ((changed & (Csr.MSTATUS_MIE | Csr.MSTATUS_SIE)) != 0) {
      hart.endBatch = true;
    }
  }

  /** Bare, Sv39 and Sv48 are supported; a write of another mode is ignored (WARL). No ASIDs. */
  private static void writeSatp(Hart hart, long value) {
    long mode = value >>> 60;
    if (mode != 0 && mode != 8 && mode != 9) {
      return;
    }
    hart.satp = (mode << 60) | (value & ((1L << 44) - 1));
    hart.mmu.flushAll();
    hart.mmu.modeChanged();
  }
}
