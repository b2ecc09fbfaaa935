package dev.cairn.cpu.fpu;

/**
 * The hart's floating-point unit: every F/D operation on raw IEEE 754 bits with the five RISC-V
 * rounding modes and accrued exception flags. Reference: RISC-V unprivileged spec, chapters "F"
 * (Single-Precision Floating-Point, incl. fcsr, NaN generation, fmin/fmax, fclass) and "D"
 * (Double-Precision Floating-Point).
 *
 * <p>One instance per hart; not thread-safe. Nothing here allocates.
 */
public final class SoftFpu {

  /** fflags bits. */
  public static final int NX = 1;

  public static final int UF = 2;
  public static final int OF = 4;
  public static final int DZ = 8;
  public static final int NV = 16;

  /** Rounding modes (frm / instruction rm field values). */
  public static final int RNE = 0;

  public static final int RTZ = 1;
  public static final int RDN = 2;
  public static final int RUP = 3;
  public static final int RMM = 4;

  public static final int CANONICAL_NAN_S = 0x7fc00000;
  public static final long CANONICAL_NAN_D = 0x7ff8000000000000L;

  /** Accrued flags; operations OR into it; the hart reads/writes it via the fflags/fcsr CSRs. */
  public int flags;

  // ---- binary32 ----

  public int addS(int a, int b, int rm) {
    return SingleArith.add(this, a, b, rm);
  }

  public int subS(int a, int b, int rm) {
    return SingleArith.add(this, a, b ^ SingleArith.SIGN, rm);
  }

  public int mulS(int a, int b, int rm) {
    return SingleArith.mul(this, a, b, rm);
  }

  public int divS(int a, int b, int rm) {
    return SingleArith.div(this, a, b, rm);
  }

  public int sqrtS(int a, int rm) {
    return SingleArith.sqrt(this, a, rm);
  }

  /** a * b + c rounded once; fmsub/fnmsub/fnmadd are formed by flipping input sign bits. */
  public int fmaS(int a, int b, int c, int rm) {
    return SingleArith.fma(this, a, b, c, rm);
  }

  public int minS(int a, int b) {
    return minMaxS(a, b, true);
  }

  public int maxS(int a, int b) {
    return minMaxS(a, b, false);
  }

  private int minMaxS(int a, int b, boolean min) {
    boolean nanA = SingleArith.isNaN(a);
    boolean nanB = SingleArith.isNaN(b);
    if (nanA || nanB) {
      if (SingleArith.isSNaN(a) || SingleArith.isSNaN(b)) {
        flags |= NV;
      }
      return nanA && nanB ? CANONICAL_NAN_S : nanA ? b : a;
    }
    float x = Float.intBitsToFloat(a);
    float y = Float.intBitsToFloat(b);
    if (x == y) {
      // Equal values differ only for zeros, where -0 < +0.
      return min ? a | b : a & b;
    }
    return (x < y) == min ? a : b;
  }

  /** feq.s: quiet, NV only for signaling NaNs. */
  public boolean eqS(int a, int b) {
    if (SingleArith.isNaN(a) || SingleArith.isNaN(b)) {
      if (SingleArith.isSNaN(a) || SingleArith.isSNaN(b)) {
        flags |= NV;
      }
      return false;
    }
    return Float.intBitsToFloat(a) == Float.intBitsToFloat(b);
  }

  /** flt.s: signaling, NV for any NaN. */
  public boolean ltS(int a, int b) {
    if (SingleArith.isNaN(a) || SingleArith.isNaN(b)) {
      flags |= NV;
      return false;
    }
    return Float.intBitsToFloat(a) < Float.intBitsToFloat(b);
  }

  /** fle.s: signaling, NV for any NaN. */
  public boolean leS(int a, int b) {
    if (SingleArith.isNaN(a) || SingleArith.isNaN(b)) {
      flags |= NV;
      return false;
    }
    return Float.intBitsToFloat(a) <= Float.intBitsToFloat(b);
  }

  /** The 10-bit fclass.s mask. */
  public static int classS(int a) {
    boolean neg = a < 0;
    int e = (a >>> 23) & 0xff;
    int m = a & 0x7fffff;
    if (e == 0xff) {
      return m == 0 ? (neg ? 1 : 1 << 7) : (m & 0x400000) != 0 ? 1 << 9 : 1 << 8;
    }
    return classFinite(neg, e == 0, m == 0);
  }

  public long cvtWS(int a, int rm) {
    return FpConvert.toInt(this, Float.intBitsToFloat(a), rm, FpConvert.W);
  }

  public long cvtWUS(int a, int rm) {
    return FpConvert.toInt(this, Float.intBitsToFloat(a), rm, FpConvert.WU);
  }

  public long cvtLS(int a, int rm) {
    return FpConvert.toInt(this, Float.intBitsToFloat(a), rm, FpConvert.L);
  }

  public long cvtLUS(int a, int rm) {
    return FpConvert.toInt(this, Float.intBitsToFloat(a), rm, FpConvert.LU);
  }

  public int cvtSW(long x, int rm) {
    return (int) FpConvert.fromLong(this, (int) x, false, rm, Rounder.S_FRAC);
  }

  public int cvtSWU(long x, int rm) {
    return (int) FpConvert.fromLong(this, x & 0xffffffffL, false, rm, Rounder.S_FRAC);
  }

  public int cvtSL(long x, int rm) {
    return (int) FpConvert.fromLong(this, x, false, rm, Rounder.S_FRAC);
  }

  public int cvtSLU(long x, int rm) {
    return (int) FpConvert.fromLong(this, x, true, rm, Rounder.S_FRAC);
  }

  /** fcvt.d.s: exact; NaNs become the canonical NaN. */
  public long cvtDS(int a) {
    if (SingleArith.isNaN(a)) {
      return SingleArith.isSNaN(a) ? invalidD() : CANONICAL_NAN_D;
    }
    return Double.doubleToRawLongBits(Float.intBitsToFloat(a));
  }

  /** fcvt.s.d: rounds in mode rm. */
  public int cvtSD(long a, int rm) {
    if (DoubleArith.isNaN(a)) {
      if (DoubleArith.isSNaN(a)) {
        flags |= NV;
      }
      return CANONICAL_NAN_S;
    }
    if (DoubleArith.isInf(a) || DoubleArith.isZero(a)) {
      return (int) (a >>> 32) & 0xff800000;
    }
    return SingleArith.narrow(this, Double.longBitsToDouble(a), rm);
  }

  // ---- binary64 ----

  public long addD(long a, long b, int rm) {
    return DoubleArith.add(this, a, b, rm);
  }

  public long subD(long a, long b, int rm) {
    return DoubleArith.add(this, a, b ^ DoubleArith.SIGN, rm);
  }

  public long mulD(long a, long b, int rm) {
    return DoubleArith.mul(this, a, b, rm);
  }

  public long divD(long a, long b, int rm) {
    return DoubleArith.div(this, a, b, rm);
  }

  public long sqrtD(long a, int rm) {
    return DoubleArith.sqrt(this, a, rm);
  }

  /** a * b + c rounded once; fmsub/fnmsub/fnmadd are formed by flipping input sign bits. */
  public long fmaD(long a, long b, long c, int rm) {
    return DoubleArith.fma(this, a, b, c, rm);
  }

  public long minD(long a, long b) {
    return minMaxD(a, b, true);
  }

  public long maxD(long a, long b) {
    return minMaxD(a, b, false);
  }

  private long minMaxD(long a, long b, boolean min) {
    boolean nanA = DoubleArith.isNaN(a);
    boolean nanB = DoubleArith.isNaN(b);
    if (nanA || nanB) {
      if (DoubleArith.isSNaN(a) || DoubleArith.isSNaN(b)) {
        flags |= NV;
      }
      return nanA && nanB ? CANONICAL_NAN_D : nanA ? b : a;
    }
    double x = Double.longBitsToDouble(a);
    double y = Double.longBitsToDouble(b);
    if (x == y) {
      return min ? a | b : a & b;
    }
    return (x < y) == min ? a : b;
  }

  /** feq.d: quiet, NV only for signaling NaNs. */
  public boolean eqD(long a, long b) {
    if (DoubleArith.isNaN(a) || DoubleArith.isNaN(b)) {
      if (DoubleArith.isSNaN(a) || DoubleArith.isSNaN(b)) {
        flags |= NV;
      }
      return false;
    }
    return Double.longBitsToDouble(a) == Double.longBitsToDouble(b);
  }

  /** flt.d: signaling, NV for any NaN. */
  public boolean ltD(long a, long b) {
    if (DoubleArith.isNaN(a) || DoubleArith.isNaN(b)) {
      flags |= NV;
      return false;
    }
    return Double.longBitsToDouble(a) < Double.longBitsToDouble(b);
  }

  /** fle.d: signaling, NV for any NaN. */
  public boolean leD(long a, long b) {
    if (DoubleArith.isNaN(a) || DoubleArith.isNaN(b)) {
      flags |= NV;
      return false;
    }
    return Double.longBitsToDouble(a) <= Double.longBitsToDouble(b);
  }

  /** The 10-bit fclass.d mask. */
  public static int classD(long a) {
    boolean neg = a < 0;
    int e = (int) (a >>> 52) & 0x7ff;
    long m = a & DoubleArith.FRAC;
    if (e == 0x7ff) {
      return m == 0 ? (neg ? 1 : 1 << 7) : (m & DoubleArith.QUIET) != 0 ? 1 << 9 : 1 << 8;
    }
    return classFinite(neg, e == 0, m == 0);
  }

  private static int classFinite(boolean neg, boolean expZero, boolean fracZero) {
    if (expZero) {
      if (fracZero) {
        return neg ? 1 << 3 : 1 << 4;
      }
      return neg ? 1 << 2 : 1 << 5;
    }
    return neg ? 1 << 1 : 1 << 6;
  }

  public long cvtWD(long a, int rm) {
    return FpConvert.toInt(this, Double.longBitsToDouble(a), rm, FpConvert.W);
  }

  public long cvtWUD(long a, int rm) {
    return FpConvert.toInt(this, Double.longBitsToDouble(a), rm, FpConvert.WU);
  }

  public long cvtLD(long a, int rm) {
    return FpConvert.toInt(this, Double.longBitsToDouble(a), rm, FpConvert.L);
  }

  public long cvtLUD(long a, int rm) {
    return FpConvert.toInt(this, Double.longBitsToDouble(a), rm, FpConvert.LU);
  }

  public long cvtDW(long x, int rm) {
    return FpConvert.fromLong(this, (int) x, false, rm, Rounder.D_FRAC);
  }

  public long cvtDWU(long x, int rm) {
    return FpConvert.fromLong(this, x & 0xffffffffL, false, rm, Rounder.D_FRAC);
  }

  public long cvtDL(long x, int rm) {
    return FpConvert.fromLong(this, x, false, rm, Rounder.D_FRAC);
  }

  public long cvtDLU(long x, int rm) {
    return FpConvert.fromLong(this, x, true, rm, Rounder.D_FRAC);
  }

  private long invalidD() {
    flags |= NV;
    return CANONICAL_NAN_D;
  }
}
