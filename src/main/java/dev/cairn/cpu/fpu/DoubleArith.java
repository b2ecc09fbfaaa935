package dev.cairn.cpu.fpu;

import static dev.cairn.cpu.fpu.SoftFpu.CANONICAL_NAN_D;
import static dev.cairn.cpu.fpu.SoftFpu.DZ;
import static dev.cairn.cpu.fpu.SoftFpu.NV;
import static dev.cairn.cpu.fpu.SoftFpu.NX;
import static dev.cairn.cpu.fpu.SoftFpu.OF;
import static dev.cairn.cpu.fpu.SoftFpu.RDN;
import static dev.cairn.cpu.fpu.SoftFpu.RMM;
import static dev.cairn.cpu.fpu.SoftFpu.RNE;
import static dev.cairn.cpu.fpu.SoftFpu.RTZ;
import static dev.cairn.cpu.fpu.SoftFpu.RUP;

/**
 * binary64 arithmetic with all RISC-V rounding modes and flags. The fast paths use Java's
 * round-to-nearest-even result plus an error-free transformation giving the exact error, then step
 * one ulp for directed modes; values near the subnormal or overflow range take an integer path.
 * Reference: RISC-V unprivileged spec, chapter "D" (Double-Precision Floating-Point), and IEEE
 * 754-2019 §5.4.1, §6, §7.
 */
final class DoubleArith {

  static final long SIGN = Long.MIN_VALUE;
  static final long EXP = 0x7ff0000000000000L;
  static final long FRAC = 0x000fffffffffffffL;
  static final long QUIET = 0x0008000000000000L;

  /**
   * Below this magnitude fma(a, b, -r) may stop being exact, so the fast paths give up. It is far
   * above the subnormal range so no fast-path result is ever tiny.
   */
  private static final double SAFE_MIN = 0x1p-968;

  private DoubleArith() {}

  static boolean isNaN(long a) {
    return (a & ~SIGN) > EXP;
  }

  static boolean isSNaN(long a) {
    return isNaN(a) && (a & QUIET) == 0;
  }

  static boolean isInf(long a) {
    return (a & ~SIGN) == EXP;
  }

  static boolean isZero(long a) {
    return (a & ~SIGN) == 0;
  }

  static long nanResult(SoftFpu fpu, long a, long b) {
    if (isSNaN(a) || isSNaN(b)) {
      fpu.flags |= NV;
    }
    return CANONICAL_NAN_D;
  }

  static long invalid(SoftFpu fpu) {
    fpu.flags |= NV;
    return CANONICAL_NAN_D;
  }

  /** Sign of an exact zero sum of x + y whose operands are not both the same zero (IEEE §6.3). */
  static long zeroSum(long a, long b, int rm) {
    if (a == b) {
      return a;
    }
    return rm == RDN ? SIGN : 0;
  }

  static long add(SoftFpu fpu, long a, long b, int rm) {
    double x = Double.longBitsToDouble(a);
    double y = Double.longBitsToDouble(b);
    double s = x + y;
    if (Double.isFinite(s)) {
      // An inexact sum is never in the subnormal range, so no fast-path result is tiny.
      double e = sumError(x, y, s);
      if (e == 0) {
        return s == 0 ? zeroSum(a, b, rm) : Double.doubleToRawLongBits(s);
      }
      return fix(fpu, s, e, rm);
    }
    if (isNaN(a) || isNaN(b)) {
      return nanResult(fpu, a, b);
    }
    if (isInf(a) || isInf(b)) {
      return Double.isNaN(s) ? invalid(fpu) : Double.doubleToRawLongBits(s);
    }
    return addOverflowing(fpu, x, y, rm);
  }

  /**
   * Finite operands whose nearest-even sum overflowed: toward-zero modes may still give the largest
   * finite number without overflow, so redo the sum at half scale (both operands exceed 2^970 here,
   * so halving is exact).
   */
  private static long addOverflowing(SoftFpu fpu, double x, double y, int rm) {
    double hx = x * 0.5;
    double hy = y * 0.5;
    double s = hx + hy;
    double e = sumError(hx, hy, s);
    double t = e == 0 ? s : Double.longBitsToDouble(fix(fpu, s, e, rm));
    if (Math.abs(t) >= 0x1p1023) {
      return Rounder.overflow(fpu, t < 0, rm, Rounder.D_FRAC);
    }
    return Double.doubleToRawLongBits(t * 2);
  }

  static long mul(SoftFpu fpu, long a, long b, int rm) {
    double x = Double.longBitsToDouble(a);
    double y = Double.longBitsToDouble(b);
    double p = x * y;
    double ap = Math.abs(p);
    if (ap >= SAFE_MIN && ap < Double.POSITIVE_INFINITY) {
      double e = Math.fma(x, y, -p);
      return e == 0 ? Double.doubleToRawLongBits(p) : fix(fpu, p, e, rm);
    }
    if (isNaN(a) || isNaN(b)) {
      return nanResult(fpu, a, b);
    }
    boolean neg = (a ^ b) < 0;
    if (isInf(a) || isInf(b)) {
      return isZero(a) || isZero(b) ? invalid(fpu) : (neg ? SIGN : 0) | EXP;
    }
    if (isZero(a) || isZero(b)) {
      return neg ? SIGN : 0;
    }
    return WideOps.mulD(fpu, a, b, rm);
  }

  static long div(SoftFpu fpu, long a, long b, int rm) {
    double x = Double.longBitsToDouble(a);
    double y = Double.longBitsToDouble(b);
    double q = x / y;
    double aq = Math.abs(q);
    if (aq >= SAFE_MIN && aq < Double.POSITIVE_INFINITY && Math.abs(x) >= SAFE_MIN) {
      // The remainder of a correctly rounded quotient is exact; quotients never tie (IEEE
      // p-bit operands cannot give a (p+1)-bit midpoint), so only the error's sign matters.
      double r = Math.fma(-q, y, x);
      if (r == 0) {
        return Double.doubleToRawLongBits(q);
      }
      return fixSign(fpu, q, (r > 0) == (y > 0), rm);
    }
    if (isNaN(a) || isNaN(b)) {
      return nanResult(fpu, a, b);
    }
    boolean neg = (a ^ b) < 0;
    if (isInf(a)) {
      return isInf(b) ? invalid(fpu) : (neg ? SIGN : 0) | EXP;
    }
    if (isInf(b)) {
      return neg ? SIGN : 0;
    }
    if (isZero(b)) {
      if (isZero(a)) {
        return invalid(fpu);
      }
      fpu.flags |= DZ;
      return (neg ? SIGN : 0) | EXP;
    }
    if (isZero(a)) {
      return neg ? SIGN : 0;
    }
    return WideOps.divD(fpu, a, b, rm);
  }

  static long sqrt(SoftFpu fpu, long a, int rm) {
    double x = Double.longBitsToDouble(a);
    if (x > 0 && x < Double.POSITIVE_INFINITY) {
      double r;
      double rem;
      if (x >= 0x1p-960) {
        r = Math.sqrt(x);
        rem = Math.fma(-r, r, x);
      } else {
        // Scale by an even power of two so r*r's error stays representable.
        double xs = x * 0x1p128;
        double rs = Math.sqrt(xs);
        rem = Math.fma(-rs, rs, xs);
        r = rs * 0x1p-64;
      }
      // A square root is never exactly a midpoint, so only the sign of the error matters.
      return rem == 0 ? Double.doubleToRawLongBits(r) : fixSign(fpu, r, rem > 0, rm);
    }
    if (isNaN(a)) {
      return nanResult(fpu, a, a);
    }
    if (isZero(a) || a == EXP) {
      return a;
    }
    return invalid(fpu);
  }

  static long fma(SoftFpu fpu, long a, long b, long c, int rm) {
    double x = Double.longBitsToDouble(a);
    double y = Double.longBitsToDouble(b);
    double z = Double.longBitsToDouble(c);
    double r = Math.fma(x, y, z);
    double ar = Math.abs(r);
    double au = Math.abs(x * y);
    // Far from underflow and overflow (this also excludes zeros, infinities and NaNs except in z,
    // which Math.fma would have turned into a NaN r), so the error-free ErrFma applies.
    if (ar >= 0x1p-900 && ar < 0x1p1020 && au >= 0x1p-900 && au < 0x1p1020
        && Math.abs(z) < 0x1p1020) {
      return fmaFast(fpu, x, y, z, r, rm);
    }
    return fmaSlow(fpu, a, b, c, rm);
  }

  /**
   * Exact error of a correctly rounded fma as r2 + r3 (Boldo and Muller, "Exact and approximated
   * error of the FMA", IEEE Trans. Computers 60(2), 2011, algorithm ErrFma), then fixed for rm.
   */
  private static long fmaFast(SoftFpu fpu, double x, double y, double z, double r, int rm) {
    double u1 = x * y;
    double u2 = Math.fma(x, y, -u1);
    double a1 = z + u2;
    double a2 = sumError(z, u2, a1);
    double b1 = u1 + a1;
    double b2 = sumError(u1, a1, b1);
    double g = (b1 - r) + b2;
    double r2 = g + a2;
    double r3 = sumError(g, a2, r2);
    if (r2 == 0) {
      // r2 is the rounded r2 + r3, so r3 is zero too: the fma was exact.
      return Double.doubleToRawLongBits(r);
    }
    // |r3| <= ulp(r2) / 2, so r2 carries the sign; a tie needs r3 == 0.
    return r3 == 0 ? fix(fpu, r, r2, rm) : fixSign(fpu, r, r2 > 0, rm);
  }

  private static long fmaSlow(SoftFpu fpu, long a, long b, long c, int rm) {
    if (isNaN(a) || isNaN(b) || isNaN(c)) {
      // RISC-V: inf * 0 + qNaN still signals invalid.
      if (isSNaN(a) || isSNaN(b) || isSNaN(c) || infTimesZero(a, b)) {
        fpu.flags |= NV;
      }
      return CANONICAL_NAN_D;
    }
    boolean negP = (a ^ b) < 0;
    if (isInf(a) || isInf(b)) {
      if (infTimesZero(a, b) || (isInf(c) && (c < 0) != negP)) {
        return invalid(fpu);
      }
      return (negP ? SIGN : 0) | EXP;
    }
    if (isInf(c)) {
      return c;
    }
    if (isZero(a) || isZero(b)) {
      return isZero(c) ? zeroSum(negP ? SIGN : 0, c, rm) : c;
    }
    return WideOps.fmaD(fpu, a, b, c, rm);
  }

  /**
   * Exact error of s = RN(x + y) for finite x, y, s (Fast2Sum on magnitude-ordered operands:
   * unlike branch-free TwoSum its intermediate s - big is exact, so it cannot overflow).
   */
  static double sumError(double x, double y, double s) {
    return Math.abs(x) >= Math.abs(y) ? y - (s - x) : x - (s - y);
  }

  private static boolean infTimesZero(long a, long b) {
    return (isInf(a) && isZero(b)) || (isZero(a) && isInf(b));
  }

  /**
   * Turns the round-to-nearest-even result r of an inexact operation into the result for rm, given
   * the exact error e (the exact result is r + e). r is finite, normal and far from the subnormal
   * range.
   */
  static long fix(SoftFpu fpu, double r, double e, int rm) {
    double t = r;
    if (rm == RMM) {
      if ((r > 0) == (e > 0)) {
        double away = e > 0 ? Math.nextUp(r) : Math.nextDown(r);
        // A tie: RNE picked the even neighbour, RMM wants the one away from zero.
        if (away - r == 2 * e) {
          t = away;
        }
      }
    } else if (rm != RNE) {
      return fixSign(fpu, r, e > 0, rm);
    }
    fpu.flags |= NX;
    if (Double.isInfinite(t)) {
      fpu.flags |= OF;
    }
    return Double.doubleToRawLongBits(t);
  }

  /** As {@link #fix} when the exact result is known not to be a tie; up = exact > r. */
  static long fixSign(SoftFpu fpu, double r, boolean up, int rm) {
    fpu.flags |= NX;
    double t = r;
    switch (rm) {
      case RTZ:
        if ((r > 0) != up) {
          t = up ? Math.nextUp(r) : Math.nextDown(r);
        }
        break;
      case RDN:
        if (!up) {
          t = Math.nextDown(r);
        }
        break;
      case RUP:
        if (up) {
          t = Math.nextUp(r);
        }
        break;
      default:
        break;
    }
    if (Double.isInfinite(t)) {
      fpu.flags |= OF;
    }
    return Double.doubleToRawLongBits(t);
  }
}
