package dev.cairn.cpu.fpu;

import static dev.cairn.cpu.fpu.SoftFpu.CANONICAL_NAN_S;
import static dev.cairn.cpu.fpu.SoftFpu.DZ;
import static dev.cairn.cpu.fpu.SoftFpu.NV;
import static dev.cairn.cpu.fpu.SoftFpu.NX;
import static dev.cairn.cpu.fpu.SoftFpu.OF;
import static dev.cairn.cpu.fpu.SoftFpu.RDN;
import static dev.cairn.cpu.fpu.SoftFpu.RNE;

/**
 * binary32 arithmetic with all RISC-V rounding modes and flags. Each operation is carried out in
 * binary64 together with the sign of its exact error, the binary64 value is made round-to-odd, and
 * that is rounded to binary32: round-to-odd at 53 bits followed by rounding to 24 bits gives the
 * correctly rounded result, tininess and inexactness (53 >= 24 + 2). Reference: RISC-V
 * unprivileged spec, chapter "F" (Single-Precision Floating-Point); Boldo and Melquiond, "When
 * double rounding is odd" (2005).
 */
final class SingleArith {

  static final int SIGN = 0x80000000;
  static final int EXP = 0x7f800000;
  static final int QUIET = 0x00400000;

  private SingleArith() {}

  static boolean isNaN(int a) {
    return (a & ~SIGN) > EXP;
  }

  static boolean isSNaN(int a) {
    return isNaN(a) && (a & QUIET) == 0;
  }

  static boolean isInf(int a) {
    return (a & ~SIGN) == EXP;
  }

  static boolean isZero(int a) {
    return (a & ~SIGN) == 0;
  }

  /** True when a is infinite or NaN. */
  static boolean isSpecial(int a) {
    return (a & EXP) == EXP;
  }

  static double wide(int a) {
    return Float.intBitsToFloat(a);
  }

  static int nanResult(SoftFpu fpu, int a, int b) {
    if (isSNaN(a) || isSNaN(b)) {
      fpu.flags |= NV;
    }
    return CANONICAL_NAN_S;
  }

  static int invalid(SoftFpu fpu) {
    fpu.flags |= NV;
    return CANONICAL_NAN_S;
  }

  static int zeroSum(int a, int b, int rm) {
    if (a == b) {
      return a;
    }
    return rm == RDN ? SIGN : 0;
  }

  static int add(SoftFpu fpu, int a, int b, int rm) {
    if (isSpecial(a) || isSpecial(b)) {
      if (isNaN(a) || isNaN(b)) {
        return nanResult(fpu, a, b);
      }
      if (isInf(a) && isInf(b) && a != b) {
        return invalid(fpu);
      }
      return isInf(a) ? a : b;
    }
    double x = wide(a);
    double y = wide(b);
    double s = x + y;
    double bv = s - x;
    double e = (x - (s - bv)) + (y - bv);
    if (s == 0) {
      return zeroSum(a, b, rm);
    }
    return narrow(fpu, toOdd(s, e), rm);
  }

  static int mul(SoftFpu fpu, int a, int b, int rm) {
    if (isSpecial(a) || isSpecial(b)) {
      if (isNaN(a) || isNaN(b)) {
        return nanResult(fpu, a, b);
      }
      if (isZero(a) || isZero(b)) {
        return invalid(fpu);
      }
      return ((a ^ b) & SIGN) | EXP;
    }
    // A product of two 24-bit significands is exact in binary64.
    double p = wide(a) * wide(b);
    return p == 0 ? (a ^ b) & SIGN : narrow(fpu, p, rm);
  }

  static int div(SoftFpu fpu, int a, int b, int rm) {
    int sign = (a ^ b) & SIGN;
    if (isSpecial(a) || isSpecial(b)) {
      if (isNaN(a) || isNaN(b)) {
        return nanResult(fpu, a, b);
      }
      if (isInf(a)) {
        return isInf(b) ? invalid(fpu) : sign | EXP;
      }
      return sign;
    }
    if (isZero(b)) {
      if (isZero(a)) {
        return invalid(fpu);
      }
      fpu.flags |= DZ;
      return sign | EXP;
    }
    if (isZero(a)) {
      return sign;
    }
    double x = wide(a);
    double y = wide(b);
    double q = x / y;
    double r = Math.fma(-q, y, x);
    return narrow(fpu, toOdd(q, r == 0 ? 0 : (r > 0) == (y > 0) ? 1 : -1), rm);
  }

  static int sqrt(SoftFpu fpu, int a, int rm) {
    if (isNaN(a)) {
      return nanResult(fpu, a, a);
    }
    if (isZero(a) || a == EXP) {
      return a;
    }
    if (a < 0) {
      return invalid(fpu);
    }
    double x = wide(a);
    double r = Math.sqrt(x);
    return narrow(fpu, toOdd(r, Math.fma(-r, r, x)), rm);
  }

  static int fma(SoftFpu fpu, int a, int b, int c, int rm) {
    boolean infTimesZero = (isInf(a) && isZero(b)) || (isZero(a) && isInf(b));
    if (isNaN(a) || isNaN(b) || isNaN(c)) {
      if (isSNaN(a) || isSNaN(b) || isSNaN(c) || infTimesZero) {
        fpu.flags |= NV;
      }
      return CANONICAL_NAN_S;
    }
    int signP = (a ^ b) & SIGN;
    if (isInf(a) || isInf(b)) {
      if (infTimesZero || (isInf(c) && (c & SIGN) != signP)) {
        return invalid(fpu);
      }
      return signP | EXP;
    }
    if (isInf(c)) {
      return c;
    }
    double p = wide(a) * wide(b);
    double z = wide(c);
    if (p == 0) {
      return isZero(c) ? zeroSum(signP, c, rm) : c;
    }
    double s = p + z;
    if (s == 0) {
      return rm == RDN ? SIGN : 0;
    }
    double bv = s - p;
    double e = (p - (s - bv)) + (z - bv);
    return narrow(fpu, toOdd(s, e), rm);
  }

  /**
   * The binary64 neighbour of r, in the direction of err, that has an odd significand, unless the
   * operation was exact (err == 0). r is normal and nonzero.
   */
  static double toOdd(double r, double err) {
    if (err == 0 || (Double.doubleToRawLongBits(r) & 1) != 0) {
      return r;
    }
    return err > 0 ? Math.nextUp(r) : Math.nextDown(r);
  }

  /** Rounds a finite nonzero binary64 value to binary32 (fcvt.s.d without the special cases). */
  static int narrow(SoftFpu fpu, double v, int rm) {
    float f = (float) v;
    if (f == v) {
      return Float.floatToRawIntBits(f);
    }
    if (rm == RNE) {
      float af = Math.abs(f);
      if (af > Float.MIN_NORMAL && af <= Float.MAX_VALUE) {
        fpu.flags |= NX;
        return Float.floatToRawIntBits(f);
      }
      if (af == Float.POSITIVE_INFINITY) {
        fpu.flags |= OF | NX;
        return Float.floatToRawIntBits(f);
      }
    }
    long bits = Double.doubleToRawLongBits(v);
    long sig = WideOps.sig(bits) << 10;
    return (int) Rounder.roundPack(fpu, v < 0, WideOps.exp(bits), sig, rm, Rounder.S_FRAC);
  }
}
