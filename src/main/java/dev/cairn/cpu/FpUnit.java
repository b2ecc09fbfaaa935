package dev.cairn.cpu;

import dev.cairn.cpu.fpu.SoftFpu;

/**
 * The F and D extensions on the hart's FP registers: NaN-boxing of singles, dynamic rounding,
 * mstatus.FS, and the arithmetic itself in {@link SoftFpu}.
 *
 * <p>Reference: RISC-V Unprivileged ISA 20191213, chapters 11 and 12 (11.2 fcsr, 12.2 NaN
 * boxing), and 3.1.6.6 of the Privileged ISA (FS field).
 */
final class FpUnit {

  private FpUnit() {}

  private static final long BOX = 0xFFFF_FFFF_0000_0000L;

  /** A single from an FP register; an improperly boxed value reads as the canonical NaN. */
  static int unbox(long bits) {
    return (bits & BOX) == BOX ? (int) bits : SoftFpu.CANONICAL_NAN_S;
  }

  static long box(int single) {
    return BOX | (single & 0xFFFF_FFFFL);
  }

  private static int roundingMode(Hart hart, Insn in) {
    int rm = in.rm == 7 ? hart.frm : in.rm;
    if (rm > 4) {
      throw hart.trap.set(Trap.ILLEGAL_INSTRUCTION, in.bits & 0xFFFF_FFFFL);
    }
    return rm;
  }

  static void execute(Hart hart, Insn in) {
    if ((hart.mstatus & Csr.MSTATUS_FS) == 0) {
      throw hart.trap.set(Trap.ILLEGAL_INSTRUCTION, in.bits & 0xFFFF_FFFFL);
    }
    long[] f = hart.f;
    long[] x = hart.x;
    SoftFpu fpu = hart.fpu;
    switch (in.op) {
      case Op.FLW: f[in.rd] = box(hart.mmu.loadInt(x[in.rs1] + in.imm)); break;
      case Op.FLD: f[in.rd] = hart.mmu.loadLong(x[in.rs1] + in.imm); break;
      case Op.FSW: hart.mmu.storeInt(x[in.rs1] + in.imm, (int) f[in.rs2]); return;
      case Op.FSD: hart.mmu.storeLong(x[in.rs1] + in.imm, f[in.rs2]); return;
      case Op.FMV_X_W: x[in.rd] = (int) f[in.rs1]; return;
      case Op.FMV_X_D: x[in.rd] = f[in.rs1]; return;
      case Op.FMV_W_X: f[in.rd] = box((int) x[in.rs1]); break;
      case Op.FMV_D_X: f[in.rd] = x[in.rs1]; break;
      default:
        if (isSingle(in.op)) {
          single(hart, in, f, x, fpu);
        } else {
          dbl(hart, in, f, x, fpu);
        }
        break;
    }
    hart.mstatus |= Csr.MSTATUS_FS;
  }

  private static boolean isSingle(int op) {
    return op >= Op.FMADD_S && op <= Op.FMV_W_X;
  }

  private static final int SIGN_S = 0x8000_0000;
  private static final long SIGN_D = 0x8000_0000_0000_0000L;

  private static void single(Hart hart, Insn in, long[] f, long[] x, SoftFpu fpu) {
    int a = unbox(f[in.rs1]);
    int b = unbox(f[in.rs2]);
    switch (in.op) {
      case Op.FMADD_S: f[in.rd] = box(fpu.fmaS(a, b, unbox(f[in.rs3]), roundingMode(hart, in))); return;
      case Op.FMSUB_S: f[in.rd] = box(fpu.fmaS(a, b, unbox(f[in.rs3]) ^ SIGN_S, roundingMode(hart, in))); return;
      case Op.FNMSUB_S: f[in.rd] = box(fpu.fmaS(a ^ SIGN_S, b, unbox(f[in.rs3]), roundingMode(hart, in))); return;
      case Op.FNMADD_S: f[in.rd] = box(fpu.fmaS(a ^ SIGN_S, b, unbox(f[in.rs3]) ^ SIGN_S, roundingMode(hart, in))); return;
      case Op.FADD_S: f[in.rd] = box(fpu.addS(a, b, roundingMode(hart, in))); return;
      case Op.FSUB_S: f[in.rd] = box(fpu.subS(a, b, roundingMode(hart, in))); return;
      case Op.FMUL_S: f[in.rd] = box(fpu.mulS(a, b, roundingMode(hart, in))); return;
      case Op.FDIV_S: f[in.rd] = box(fpu.divS(a, b, roundingMode(hart, in))); return;
      case Op.FSQRT_S: f[in.rd] = box(fpu.sqrtS(a, roundingMode(hart, in))); return;
      case Op.FSGNJ_S: f[in.rd] = box((a & ~SIGN_S) | (b & SIGN_S)); return;
      case Op.FSGNJN_S: f[in.rd] = box((a & ~SIGN_S) | (~b & SIGN_S)); return;
      case Op.FSGNJX_S: f[in.rd] = box(a ^ (b & SIGN_S)); return;
      case Op.FMIN_S: f[in.rd] = box(fpu.minS(a, b)); return;
      case Op.FMAX_S: f[in.rd] = box(fpu.maxS(a, b)); return;
      case Op.FCVT_W_S: x[in.rd] = fpu.cvtWS(a, roundingMode(hart, in)); return;
      case Op.FCVT_WU_S: x[in.rd] = fpu.cvtWUS(a, roundingMode(hart, in)); return;
      case Op.FCVT_L_S: x[in.rd] = fpu.cvtLS(a, roundingMode(hart, in)); return;
      case Op.FCVT_LU_S: x[in.rd] = fpu.cvtLUS(a, roundingMode(hart, in)); return;
      case Op.FEQ_S: x[in.rd] = fpu.eqS(a, b) ? 1 : 0; return;
      case Op.FLT_S: x[in.rd] = fpu.ltS(a, b) ? 1 : 0; return;
      case Op.FLE_S: x[in.rd] = fpu.leS(a, b) ? 1 : 0; return;
      case Op.FCLASS_S: x[in.rd] = SoftFpu.classS(a); return;
      case Op.FCVT_S_W: f[in.rd] = box(fpu.cvtSW(x[in.rs1], roundingMode(hart, in))); return;
      case Op.FCVT_S_WU: f[in.rd] = box(fpu.cvtSWU(x[in.rs1], roundingMode(hart, in))); return;
      case Op.FCVT_S_L: f[in.rd] = box(fpu.cvtSL(x[in.rs1], roundingMode(hart, in))); return;
      case Op.FCVT_S_LU: f[in.rd] = box(fpu.cvtSLU(x[in.rs1], roundingMode(hart, in))); return;
      default: throw hart.trap.set(Trap.ILLEGAL_INSTRUCTION, in.bits & 0xFFFF_FFFFL);
    }
  }

  private static void dbl(Hart hart, Insn in, long[] f, long[] x, SoftFpu fpu) {
    long a = f[in.rs1];
    long b = f[in.rs2];
    switch (in.op) {
      case Op.FMADD_D: f[in.rd] = fpu.fmaD(a, b, f[in.rs3], roundingMode(hart, in)); return;
      case Op.FMSUB_D: f[in.rd] = fpu.fmaD(a, b, f[in.rs3] ^ SIGN_D, roundingMode(hart, in)); return;
      case Op.FNMSUB_D: f[in.rd] = fpu.fmaD(a ^ SIGN_D, b, f[in.rs3], roundingMode(hart, in)); return;
      case Op.FNMADD_D: f[in.rd] = fpu.fmaD(a ^ SIGN_D, b, f[in.rs3] ^ SIGN_D, roundingMode(hart, in)); return;
      case Op.FADD_D: f[in.rd] = fpu.addD(a, b, roundingMode(hart, in)); return;
      case Op.FSUB_D: f[in.rd] = fpu.subD(a, b, roundingMode(hart, in)); return;
      case Op.FMUL_D: f[in.rd] = fpu.mulD(a, b, roundingMode(hart, in)); return;
      case Op.FDIV_D: f[in.rd] = fpu.divD(a, b, roundingMode(hart, in)); return;
      case Op.FSQRT_D: f[in.rd] = fpu.sqrtD(a, roundingMode(hart, in)); return;
      case Op.FSGNJ_D: f[in.rd] = (a & ~SIGN_D) | (b & SIGN_D); return;
      case Op.FSGNJN_D: f[in.rd] = (a & ~SIGN_D) | (~b & SIGN_D); return;
      case Op.FSGNJX_D: f[in.rd] = a ^ (b & SIGN_D); return;
      case Op.FMIN_D: f[in.rd] = fpu.minD(a, b); return;
      case Op.FMAX_D: f[in.rd] = fpu.maxD(a, b); return;
      case Op.FCVT_S_D: f[in.rd] = box(fpu.cvtSD(a, roundingMode(hart, in))); return;
      case Op.FCVT_D_S: f[in.rd] = fpu.cvtDS(unbox(a)); return;
      case Op.FCVT_W_D: x[in.rd] = fpu.cvtWD(a, roundingMode(hart, in)); return;
      case Op.FCVT_WU_D: x[in.rd] = fpu.cvtWUD(a, roundingMode(hart, in)); return;
      case Op.FCVT_L_D: x[in.rd] = fpu.cvtLD(a, roundingMode(hart, in)); return;
      case Op.FCVT_LU_D: x[in.rd] = fpu.cvtLUD(a, roundingMode(hart, in)); return;
      case Op.FEQ_D: x[in.rd] = fpu.eqD(a, b) ? 1 : 0; return;
      case Op.FLT_D: x[in.rd] = fpu.ltD(a, b) ? 1 : 0; return;
      case Op.FLE_D: x[in.rd] = fpu.leD(a, b) ? 1 : 0; return;
      case Op.FCLASS_D: x[in.rd] = SoftFpu.classD(a); return;
      case Op.FCVT_D_W: f[in.rd] = fpu.cvtDW(x[in.rs1], roundingMode(hart, in)); return;
      case Op.FCVT_D_WU: f[in.rd] = fpu.cvtDWU(x[in.rs1], roundingMode(hart, in)); return;
      case Op.FCVT_D_L: f[in.rd] = fpu.cvtDL(x[in.rs1], roundingMode(hart, in)); return;
      case Op.FCVT_D_LU: f[in.rd] = fpu.cvtDLU(x[in.rs1], roundingMode(hart, in)); return;
      default: throw hart.trap.set(Trap.ILLEGAL_INSTRUCTION, in.bits & 0xFFFF_FFFFL);
    }
  }
}
