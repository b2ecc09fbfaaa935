package dev.cairn.cpu;

import static dev.cairn.cpu.Insn.xd;

/**
 * Expands 16-bit RVC instructions (RV64C with the D loads/stores) into the opcodes of their
 * 32-bit equivalents, with {@code length = 2}.
 *
 * <p>Reference: RISC-V Unprivileged ISA 20191213, chapter 16 "C" Standard Extension, tables 16.5
 * to 16.7 (RVC opcode map).
 */
final class CompressedDecoder {

  private CompressedDecoder() {}

  private static int bit(int b, int n) {
    return (b >>> n) & 1;
  }

  /** The 3-bit register fields of CIW/CL/CS/CA/CB formats name x8..x15. */
  private static int reg3(int field) {
    return 8 + (field & 7);
  }

  private static Insn make(int op, int rd, int rs1, int rs2, long imm, int b) {
    return new Insn(op, rd, rs1, rs2, 0, 0, imm, 2, b);
  }

  private static Insn illegal(int b) {
    return Insn.illegal(b, 2);
  }

  static Insn decode(int b) {
    int funct3 = b >>> 13;
    switch (b & 3) {
      case 0: return quadrant0(b, funct3);
      case 1: return quadrant1(b, funct3);
      default: return quadrant2(b, funct3);
    }
  }

  private static long ldOffset(int b) {
    return ((b >>> 7) & 0x38) | ((b << 1) & 0xc0);
  }

  private static long lwOffset(int b) {
    return ((b >>> 7) & 0x38) | ((b >>> 4) & 4) | ((b << 1) & 0x40);
  }

  private static Insn quadrant0(int b, int funct3) {
    int rdp = reg3(b >>> 2);
    int rs1p = reg3(b >>> 7);
    switch (funct3) {
      case 0: {
        long imm = ((b >>> 7) & 0x30) | ((b >>> 1) & 0x3c0) | ((b >>> 4) & 4) | ((b >>> 2) & 8);
        return imm == 0 ? illegal(b) : make(Op.ADDI, rdp, 2, 0, imm, b);
      }
      case 1: return make(Op.FLD, rdp, rs1p, 0, ldOffset(b), b);
      case 2: return make(Op.LW, rdp, rs1p, 0, lwOffset(b), b);
      case 3: return make(Op.LD, rdp, rs1p, 0, ldOffset(b), b);
      case 5: return make(Op.FSD, 0, rs1p, rdp, ldOffset(b), b);
      case 6: return make(Op.SW, 0, rs1p, rdp, lwOffset(b), b);
      case 7: return make(Op.SD, 0, rs1p, rdp, ldOffset(b), b);
      default: return illegal(b);
    }
  }

  /** The sign-extended 6-bit immediate of CI-format instructions. */
  private static long imm6(int b) {
    int raw = (bit(b, 12) << 5) | ((b >>> 2) & 31);
    return (raw << 26) >> 26;
  }

  private static Insn quadrant1(int b, int funct3) {
    int rd = (b >>> 7) & 31;
    switch (funct3) {
      case 0: return make(rd == 0 ? Op.NOP : Op.ADDI, xd(rd), rd, 0, imm6(b), b);
      case 1: return rd == 0 ? illegal(b) : make(Op.ADDIW, rd, rd, 0, imm6(b), b);
      case 2: return make(Op.ADDI, xd(rd), 0, 0, imm6(b), b);
      case 3: return rd == 2 ? addi16sp(b) : lui(b, rd);
      case 4: return arithmetic(b);
      case 5: return make(Op.JAL, Insn.ZERO_SINK, 0, 0, jumpOffset(b), b);
      case 6: return make(Op.BEQ, 0, reg3(b >>> 7), 0, branchOffset(b), b);
      default: return make(Op.BNE, 0, reg3(b >>> 7), 0, branchOffset(b), b);
    }
  }

  private static Insn addi16sp(int b) {
    int raw = (bit(b, 12) << 9) | (bit(b, 6) << 4) | (bit(b, 5) << 6)
        | (((b >>> 3) & 3) << 7) | (bit(b, 2) << 5);
    long imm = (raw << 22) >> 22;
    return imm == 0 ? illegal(b) : make(Op.ADDI, 2, 2, 0, imm, b);
  }

  private static Insn lui(int b, int rd) {
    long imm = imm6(b) << 12;
    return imm == 0 ? illegal(b) : make(Op.LUI, xd(rd), 0, 0, imm, b);
  }

  private static Insn arithmetic(int b) {
    int rd = reg3(b >>> 7);
    int rs2 = reg3(b >>> 2);
    int shamt = (bit(b, 12) << 5) | ((b >>> 2) & 31);
    switch ((b >>> 10) & 3) {
      case 0: return make(Op.SRLI, rd, rd, 0, shamt, b);
      case 1: return make(Op.SRAI, rd, rd, 0, shamt, b);
      case 2: return make(Op.ANDI, rd, rd, 0, imm6(b), b);
      default:
        break;
    }
    int kind = (b >>> 5) & 3;
    if (bit(b, 12) == 0) {
      int[] ops = {Op.SUB, Op.XOR, Op.OR, Op.AND};
      return make(ops[kind], rd, rd, rs2, 0, b);
    }
    switch (kind) {
      case 0: return make(Op.SUBW, rd, rd, rs2, 0, b);
      case 1: return make(Op.ADDW, rd, rd, rs2, 0, b);
      default: return illegal(b);
    }
  }

  private static long jumpOffset(int b) {
    int raw = (bit(b, 12) << 11) | (bit(b, 11) << 4) | (((b >>> 9) & 3) << 8)
        | (bit(b, 8) << 10) | (bit(b, 7) << 6) | (bit(b, 6) << 7)
        | (((b >>> 3) & 7) << 1) | (bit(b, 2) << 5);
    return (raw << 20) >> 20;
  }

  private static long branchOffset(int b) {
    int raw = (bit(b, 12) << 8) | (((b >>> 10) & 3) << 3) | (((b >>> 5) & 3) << 6)
        | (((b >>> 3) & 3) << 1) | (bit(b, 2) << 5);
    return (raw << 23) >> 23;
  }

  private static Insn quadrant2(int b, int funct3) {
    int rd = (b >>> 7) & 31;
    int rs2 = (b >>> 2) & 31;
    long ldsp = ((b >>> 7) & 0x20) | ((b >>> 2) & 0x18) | ((b << 4) & 0x1c0);
    long sdsp = ((b >>> 7) & 0x38) | ((b >>> 1) & 0x1c0);
    switch (funct3) {
      case 0: {
        int shamt = (bit(b, 12) << 5) | rs2;
        return make(Op.SLLI, xd(rd), rd, 0, shamt, b);
      }
      case 1: return make(Op.FLD, rd, 2, 0, ldsp, b);
      case 2: {
        long imm = ((b >>> 7) & 0x20) | ((b >>> 2) & 0x1c) | ((b << 4) & 0xc0);
        return rd == 0 ? illegal(b) : make(Op.LW, rd, 2, 0, imm, b);
      }
      case 3: return rd == 0 ? illegal(b) : make(Op.LD, rd, 2, 0, ldsp, b);
      case 4: return jumpsAndMoves(b, rd, rs2);
      case 5: return make(Op.FSD, 0, 2, rs2, sdsp, b);
      case 6: {
        long imm = ((b >>> 7) & 0x3c) | ((b >>> 1) & 0xc0);
        return make(Op.SW, 0, 2, rs2, imm, b);
      }
      default: return make(Op.SD, 0, 2, rs2, sdsp, b);
    }
  }

  private static Insn jumpsAndMoves(int b, int rd, int rs2) {
    if (bit(b, 12) == 0) {
      if (rs2 == 0) {
        return rd == 0 ? illegal(b) : make(Op.JALR, Insn.ZERO_SINK, rd, 0, 0, b);
      }
      return make(Op.ADD, xd(rd), 0, rs2, 0, b);
    }
    if (rs2 == 0) {
      if (rd == 0) {
        return make(Op.EBREAK, Insn.ZERO_SINK, 0, 0, 0, b);
      }
      return make(Op.JALR, 1, rd, 0, 0, b);
    }
    return make(Op.ADD, xd(rd), rd, rs2, 0, b);
  }
}
