package dev.cairn.cpu;

import static dev.cairn.cpu.Insn.xd;

/**
 * Decodes 32-bit RV64 instructions of the base ISA, M, A, Zicsr, Zifencei and the privileged
 * instructions; F/D go to {@link FpDecoder} and 16-bit ones to {@link CompressedDecoder}.
 *
 * <p>Reference: RISC-V Unprivileged ISA 20191213, chapter 24 "RV32/64G Instruction Set Listings";
 * Privileged ISA 20211203, section 9.1 (mret, sret, wfi, sfence.vma).
 */
public final class Decoder {

  private Decoder() {}

  /** Decodes one instruction; {@code bits} holds 16 or 32 valid bits depending on the low two. */
  public static Insn decode(int bits) {
    if ((bits & 3) != 3) {
      return CompressedDecoder.decode(bits & 0xFFFF);
    }
    return decode32(bits);
  }

  static int rd(int b) {
    return (b >>> 7) & 31;
  }

  static int rs1(int b) {
    return (b >>> 15) & 31;
  }

  static int rs2(int b) {
    return (b >>> 20) & 31;
  }

  static int funct3(int b) {
    return (b >>> 12) & 7;
  }

  static int funct7(int b) {
    return b >>> 25;
  }

  static long immI(int b) {
    return b >> 20;
  }

  static long immS(int b) {
    return ((b >> 25) << 5) | ((b >>> 7) & 31);
  }

  static long immB(int b) {
    return ((long) (b >> 31) << 12)
        | (((b >>> 7) & 1) << 11)
        | (((b >>> 25) & 0x3f) << 5)
        | (((b >>> 8) & 0xf) << 1);
  }

  static long immU(int b) {
    return (long) (b & 0xFFFFF000);
  }

  static long immJ(int b) {
    return ((long) (b >> 31) << 20)
        | (b & 0xFF000)
        | (((b >>> 20) & 1) << 11)
        | (((b >>> 21) & 0x3ff) << 1);
  }

  private static Insn r(int op, int b) {
    return new Insn(op, xd(rd(b)), rs1(b), rs2(b), 0, 0, 0, 4, b);
  }

  private static Insn i(int op, int b, long imm) {
    return new Insn(op, xd(rd(b)), rs1(b), 0, 0, 0, imm, 4, b);
  }

  private static Insn illegal(int b) {
    return Insn.illegal(b, 4);
  }

  static Insn decode32(int b) {
    switch (b & 0x7f) {
      case 0x37:
        return new Insn(Op.LUI, xd(rd(b)), 0, 0, 0, 0, immU(b), 4, b);
      case 0x17:
        return new Insn(Op.AUIPC, xd(rd(b)), 0, 0, 0, 0, immU(b), 4, b);
      case 0x6f:
        return new Insn(Op.JAL, xd(rd(b)), 0, 0, 0, 0, immJ(b), 4, b);
      case 0x67:
        return funct3(b) == 0 ? i(Op.JALR, b, immI(b)) : illegal(b);
      case 0x63:
        return branch(b);
      case 0x03:
        return load(b);
      case 0x23:
        return store(b);
      case 0x13:
        return opImm(b);
      case 0x1b:
        return opImm32(b);
      case 0x33:
        return op(b);
      case 0x3b:
        return op32(b);
      case 0x0f:
        return miscMem(b);
      case 0x2f:
        return amo(b);
      case 0x73:
        return system(b);
      case 0x07:
      case 0x27:
      case 0x43:
      case 0x47:
      case 0x4b:
      case 0x4f:
      case 0x53:
        return FpDecoder.decode(b);
      default:
        return illegal(b);
    }
  }

  private static Insn branch(int b) {
    int op;
    switch (funct3(b)) {
      case 0: op = Op.BEQ; break;
      case 1: op = Op.BNE; break;
      case 4: op = Op.BLT; break;
      case 5: op = Op.BGE; break;
      case 6: op = Op.BLTU; break;
      case 7: op = Op.BGEU; break;
      default: return illegal(b);
    }
    return new Insn(op, 0, rs1(b), rs2(b), 0, 0, immB(b), 4, b);
  }

  private static Insn load(int b) {
    int op;
    switch (funct3(b)) {
      case 0: op = Op.LB; break;
      case 1: op = Op.LH; break;
      case 2: op = Op.LW; break;
      case 3: op = Op.LD; break;
      case 4: op = Op.LBU; break;
      case 5: op = Op.LHU; break;
      case 6: op = Op.LWU; break;
      default: return illegal(b);
    }
    return i(op, b, immI(b));
  }

  private static Insn store(int b) {
    int op;
    switch (funct3(b)) {
      case 0: op = Op.SB; break;
      case 1: op = Op.SH; break;
      case 2: op = Op.SW; break;
      case 3: op = Op.SD; break;
      default: return illegal(b);
    }
    return new Insn(op, 0, rs1(b), rs2(b), 0, 0, immS(b), 4, b);
  }

  private static Insn opImm(int b) {
    long imm = immI(b);
    int shamt = (b >>> 20) & 63;
    int top6 = b >>> 26;
    switch (funct3(b)) {
      case 0: return i(rd(b) == 0 ? Op.NOP : Op.ADDI, b, imm);
      case 2: return i(Op.SLTI, b, imm);
      case 3: return i(Op.SLTIU, b, imm);
      case 4: return i(Op.XORI, b, imm);
      case 6: return i(Op.ORI, b, imm);
      case 7: return i(Op.ANDI, b, imm);
      case 1: return top6 == 0 ? i(Op.SLLI, b, shamt) : illegal(b);
      case 5:
        if (top6 == 0) {
          return i(Op.SRLI, b, shamt);
        }
        return top6 == 0x10 ? i(Op.SRAI, b, shamt) : illegal(b);
      default: return illegal(b);
    }
  }

  private static Insn opImm32(int b) {
    int shamt = (b >>> 20) & 31;
    switch (funct3(b)) {
      case 0: return i(Op.ADDIW, b, immI(b));
      case 1: return funct7(b) == 0 ? i(Op.SLLIW, b, shamt) : illegal(b);
      case 5:
        if (funct7(b) == 0) {
          return i(Op.SRLIW, b, shamt);
        }
        return funct7(b) == 0x20 ? i(Op.SRAIW, b, shamt) : illegal(b);
      default: return illegal(b);
    }
  }

  private static final int[] OP_BASE = {Op.ADD, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.OR, Op.AND};
  private static final int[] OP_MUL = {Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU};

  private static Insn op(int b) {
    int f3 = funct3(b);
    switch (funct7(b)) {
      case 0x00: return r(OP_BASE[f3], b);
      case 0x01: return r(OP_MUL[f3], b);
      case 0x20:
        if (f3 == 0) {
          return r(Op.SUB, b);
        }
        return f3 == 5 ? r(Op.SRA, b) : illegal(b);
      default: return illegal(b);
    }
  }

  private static Insn op32(int b) {
    int f3 = funct3(b);
    switch (funct7(b)) {
      case 0x00:
        switch (f3) {
          case 0: return r(Op.ADDW, b);
          case 1: return r(Op.SLLW, b);
          case 5: return r(Op.SRLW, b);
          default: return illegal(b);
        }
      case 0x20:
        switch (f3) {
          case 0: return r(Op.SUBW, b);
          case 5: return r(Op.SRAW, b);
          default: return illegal(b);
        }
      case 0x01:
        switch (f3) {
          case 0: return r(Op.MULW, b);
          case 4: return r(Op.DIVW, b);
          case 5: return r(Op.DIVUW, b);
          case 6: return r(Op.REMW, b);
          case 7: return r(Op.REMUW, b);
          default: return illegal(b);
        }
      default: return illegal(b);
    }
  }

  private static Insn miscMem(int b) {
    switch (funct3(b)) {
      case 0: return new Insn(Op.FENCE, Insn.ZERO_SINK, 0, 0, 0, 0, 0, 4, b);
      case 1: return new Insn(Op.FENCE_I, Insn.ZERO_SINK, 0, 0, 0, 0, 0, 4, b);
      default: return illegal(b);
    }
  }

  private static Insn amo(int b) {
    int f3 = funct3(b);
    if (f3 != 2 && f3 != 3) {
      return illegal(b);
    }
    boolean dword = f3 == 3;
    int f5 = b >>> 27;
    int op;
    switch (f5) {
      case 0x02:
        if (rs2(b) != 0) {
          return illegal(b);
        }
        op = dword ? Op.LR_D : Op.LR_W;
        break;
      case 0x03: op = dword ? Op.SC_D : Op.SC_W; break;
      case 0x01: op = dword ? Op.AMOSWAP_D : Op.AMOSWAP_W; break;
      case 0x00: op = dword ? Op.AMOADD_D : Op.AMOADD_W; break;
      case 0x04: op = dword ? Op.AMOXOR_D : Op.AMOXOR_W; break;
      case 0x0c: op = dword ? Op.AMOAND_D : Op.AMOAND_W; break;
      case 0x08: op = dword ? Op.AMOOR_D : Op.AMOOR_W; break;
      case 0x10: op = dword ? Op.AMOMIN_D : Op.AMOMIN_W; break;
      case 0x14: op = dword ? Op.AMOMAX_D : Op.AMOMAX_W; break;
      case 0x18: op = dword ? Op.AMOMINU_D : Op.AMOMINU_W; break;
      case 0x1c: op = dword ? Op.AMOMAXU_D : Op.AMOMAXU_W; break;
      default: return illegal(b);
    }
    return new Insn(op, xd(rd(b)), rs1(b), rs2(b), 0, (b >>> 25) & 3, 0, 4, b);
  }

  private static Insn system(int b) {
    int f3 = funct3(b);
    int csr = (b >>> 20) & 0xfff;
    switch (f3) {
      case 0:
        return privileged(b);
      case 1: return new Insn(Op.CSRRW, xd(rd(b)), rs1(b), 0, 0, 0, csr, 4, b);
      case 2: return new Insn(Op.CSRRS, xd(rd(b)), rs1(b), 0, 0, 0, csr, 4, b);
      case 3: return new Insn(Op.CSRRC, xd(rd(b)), rs1(b), 0, 0, 0, csr, 4, b);
      case 5: return new Insn(Op.CSRRWI, xd(rd(b)), rs1(b), 0, 0, 0, csr, 4, b);
      case 6: return new Insn(Op.CSRRSI, xd(rd(b)), rs1(b), 0, 0, 0, csr, 4, b);
      case 7: return new Insn(Op.CSRRCI, xd(rd(b)), rs1(b), 0, 0, 0, csr, 4, b);
      default: return illegal(b);
    }
  }

  private static Insn privileged(int b) {
    if (rd(b) != 0) {
      return illegal(b);
    }
    if (funct7(b) == 0x09) {
      return new Insn(Op.SFENCE_VMA, Insn.ZERO_SINK, rs1(b), rs2(b), 0, 0, 0, 4, b);
    }
    if (rs1(b) != 0) {
      return illegal(b);
    }
    switch (b >>> 20) {
      case 0x000: return new Insn(Op.ECALL, Insn.ZERO_SINK, 0, 0, 0, 0, 0, 4, b);
      case 0x001: return new Insn(Op.EBREAK, Insn.ZERO_SINK, 0, 0, 0, 0, 0, 4, b);
      case 0x302: return new Insn(Op.MRET, Insn.ZERO_SINK, 0, 0, 0, 0, 0, 4, b);
      case 0x102: return new Insn(Op.SRET, Insn.ZERO_SINK, 0, 0, 0, 0, 0, 4, b);
      case 0x105: return new Insn(Op.WFI, Insn.ZERO_SINK, 0, 0, 0, 0, 0, 4, b);
      default: return illegal(b);
    }
  }
}
