package dev.cairn.cpu;

import static dev.cairn.cpu.Decoder.funct3;
import static dev.cairn.cpu.Decoder.immI;
import static dev.cairn.cpu.Decoder.immS;
import static dev.cairn.cpu.Decoder.rd;
import static dev.cairn.cpu.Decoder.rs1;
import static dev.cairn.cpu.Decoder.rs2;
import static dev.cairn.cpu.Insn.xd;

/**
 * Decodes the F and D extensions (loads/stores, fused multiply-add, OP-FP).
 *
 * <p>Reference: RISC-V Unprivileged ISA 20191213, chapters 11 "F" and 12 "D", and the listings
 * in chapter 24. Static rounding modes 5 and 6 are reserved and decode as illegal; the dynamic
 * mode (7) is resolved against {@code frm} at execution.
 */
final class FpDecoder {

  private FpDecoder() {}

  private static Insn fp(int op, int rd, int b) {
    return new Insn(op, rd, rs1(b), rs2(b), b >>> 27, funct3(b), 0, 4, b);
  }

  static Insn decode(int b) {
    switch (b & 0x7f) {
      case 0x07:
        if (funct3(b) == 2) {
          return new Insn(Op.FLW, rd(b), rs1(b), 0, 0, 0, immI(b), 4, b);
        }
        if (funct3(b) == 3) {
          return new Insn(Op.FLD, rd(b), rs1(b), 0, 0, 0, immI(b), 4, b);
        }
        return Insn.illegal(b, 4);
      case 0x27:
        if (funct3(b) == 2) {
          return new Insn(Op.FSW, 0, rs1(b), rs2(b), 0, 0, immS(b), 4, b);
        }
        if (funct3(b) == 3) {
          return new Insn(Op.FSD, 0, rs1(b), rs2(b), 0, 0, immS(b), 4, b);
        }
        return Insn.illegal(b, 4);
      case 0x43:
        return fused(b, Op.FMADD_S, Op.FMADD_D);
      case 0x47:
        return fused(b, Op.FMSUB_S, Op.FMSUB_D);
      case 0x4b:
        return fused(b, Op.FNMSUB_S, Op.FNMSUB_D);
      case 0x4f:
        return fused(b, Op.FNMADD_S, Op.FNMADD_D);
      default:
        return opFp(b);
    }
  }

  private static boolean badRm(int b) {
    int rm = funct3(b);
    return rm == 5 || rm == 6;
  }

  private static Insn fused(int b, int single, int dbl) {
    int fmt = (b >>> 25) & 3;
    if (badRm(b) || fmt > 1) {
      return Insn.illegal(b, 4);
    }
    return fp(fmt == 0 ? single : dbl, rd(b), b);
  }

  private static Insn opFp(int b) {
    int f7 = b >>> 25;
    boolean d = (f7 & 1) != 0;
    int f3 = funct3(b);
    int rs2 = rs2(b);
    switch (f7) {
      case 0x00: case 0x01:
        return badRm(b) ? Insn.illegal(b, 4) : fp(d ? Op.FADD_D : Op.FADD_S, rd(b), b);
      case 0x04: case 0x05:
        return badRm(b) ? Insn.illegal(b, 4) : fp(d ? Op.FSUB_D : Op.FSUB_S, rd(b), b);
      case 0x08: case 0x09:
        return badRm(b) ? Insn.illegal(b, 4) : fp(d ? Op.FMUL_D : Op.FMUL_S, rd(b), b);
      case 0x0c: case 0x0d:
        return badRm(b) ? Insn.illegal(b, 4) : fp(d ? Op.FDIV_D : Op.FDIV_S, rd(b), b);
      case 0x2c: case 0x2d:
        if (rs2 != 0 || badRm(b)) {
          return Insn.illegal(b, 4);
        }
        return fp(d ? Op.FSQRT_D : Op.FSQRT_S, rd(b), b);
      case 0x10: case 0x11:
        switch (f3) {
          case 0: return fp(d ? Op.FSGNJ_D : Op.FSGNJ_S, rd(b), b);
          case 1: return fp(d ? Op.FSGNJN_D : Op.FSGNJN_S, rd(b), b);
          case 2: return fp(d ? Op.FSGNJX_D : Op.FSGNJX_S, rd(b), b);
          default: return Insn.illegal(b, 4);
        }
      case 0x14: case 0x15:
        switch (f3) {
          case 0: return fp(d ? Op.FMIN_D : Op.FMIN_S, rd(b), b);
          case 1: return fp(d ? Op.FMAX_D : Op.FMAX_S, rd(b), b);
          default: return Insn.illegal(b, 4);
        }
      case 0x20:
        return rs2 == 1 && !badRm(b) ? fp(Op.FCVT_S_D, rd(b), b) : Insn.illegal(b, 4);
      case 0x21:
        return rs2 == 0 && !badRm(b) ? fp(Op.FCVT_D_S, rd(b), b) : Insn.illegal(b, 4);
      case 0x50: case 0x51:
        switch (f3) {
          case 0: return fp(d ? Op.FLE_D : Op.FLE_S, xd(rd(b)), b);
          case 1: return fp(d ? Op.FLT_D : Op.FLT_S, xd(rd(b)), b);
          case 2: return fp(d ? Op.FEQ_D : Op.FEQ_S, xd(rd(b)), b);
          default: return Insn.illegal(b, 4);
        }
      case 0x60: case 0x61:
        if (badRm(b)) {
          return Insn.illegal(b, 4);
        }
        switch (rs2) {
          case 0: return fp(d ? Op.FCVT_W_D : Op.FCVT_W_S, xd(rd(b)), b);
          case 1: return fp(d ? Op.FCVT_WU_D : Op.FCVT_WU_S, xd(rd(b)), b);
          case 2: return fp(d ? Op.FCVT_L_D : Op.FCVT_L_S, xd(rd(b)), b);
          case 3: return fp(d ? Op.FCVT_LU_D : Op.FCVT_LU_S, xd(rd(b)), b);
          default: return Insn.illegal(b, 4);
        }
      case 0x68: case 0x69:
        if (badRm(b)) {
          return Insn.illegal(b, 4);
        }
        switch (rs2) {
          case 0: return fp(d ? Op.FCVT_D_W : Op.FCVT_S_W, rd(b), b);
          case 1: return fp(d ? Op.FCVT_D_WU : Op.FCVT_S_WU, rd(b), b);
          case 2: return fp(d ? Op.FCVT_D_L : Op.FCVT_S_L, rd(b), b);
          case 3: return fp(d ? Op.FCVT_D_LU : Op.FCVT_S_LU, rd(b), b);
          default: return Insn.illegal(b, 4);
        }
      case 0x70: case 0x71:
        if (rs2 != 0) {
          return Insn.illegal(b, 4);
        }
        if (f3 == 0) {
          return fp(d ? Op.FMV_X_D : Op.FMV_X_W, xd(rd(b)), b);
        }
        return f3 == 1 ? fp(d ? Op.FCLASS_D : Op.FCLASS_S, xd(rd(b)), b) : Insn.illegal(b, 4);
      case 0x78: case 0x79:
        if (rs2 != 0 || f3 != 0) {
          return Insn.illegal(b, 4);
        }
        return fp(d ? Op.FMV_D_X : Op.FMV_W_X, rd(b), b);
      default:
        return Insn.illegal(b, 4);
    }
  }
}
