package dev.cairn.cpu.fpu;

import static dev.cairn.cpu.fpu.SoftFpu.NV;
import static dev.cairn.cpu.fpu.SoftFpu.NX;
import static dev.cairn.cpu.fpu.SoftFpu.RDN;
import static dev.cairn.cpu.fpu.SoftFpu.RMM;
import static dev.cairn.cpu.fpu.SoftFpu.RNE;
import static dev.cairn.cpu.fpu.SoftFpu.RUP;

/**
 * Conversions between binary32/binary64 and 32/64-bit integers, with the RISC-V saturation rules
 * for out-of-range and NaN inputs. Reference: RISC-V unprivileged spec, chapter "F", section
 * "Single-Precision Floating-Point Conversion and Move Instructions" (table of fcvt.w/wu/l/lu
 * results for out-of-range inputs), and chapter "D" for the binary64 forms.
 */
final class FpConvert {

  /** Destination integer kinds. */
  static final int W = 0;

  static final int WU = 1;
  static final int L = 2;
  static final int LU = 3;

  private FpConvert() {}

  /**
   * Converts v (any binary32 value widened exactly, or a binary64 value) to the integer kind; the
   * result is the 64-bit register value (32-bit results sign-extended).
   */
  static long toInt(SoftFpu fpu, double v, int rm, int kind) {
    if (v != v) {
      fpu.flags |= NV;
      return kind == W ? Integer.MAX_VALUE : kind == L ? Long.MAX_VALUE : -1L;
    }
    double r = roundIntegral(v, rm);
    switch (kind) {
      case W:
        if (r >= -0x1p31 && r < 0x1p31) {
          return exactness(fpu, r, v, (long) r);
        }
        fpu.flags |= NV;
        return r < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
      case WU:
        if (r >= 0 && r < 0x1p32) {
          return exactness(fpu, r, v, (int) (long) r);
        }
        fpu.flags |= NV;
        return r < 0 ? 0 : -1L;
      case L:
        if (r >= -0x1p63 && r < 0x1p63) {
          return exactness(fpu, r, v, (long) r);
        }
        fpu.flags |= NV;
        return r < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
      default:
        if (r >= 0 && r < 0x1p64) {
          long u = r >= 0x1p63 ? (long) (r - 0x1p63) + Long.MIN_VALUE : (long) r;
          return exactness(fpu, r, v, u);
        }
        fpu.flags |= NV;
        return r < 0 ? 0 : -1L;
    }
  }

  private static long exactness(SoftFpu fpu, double rounded, double v, long result) {
    if (rounded != v) {
      fpu.flags |= NX;
    }
    return result;
  }

  /** v rounded to an integral value in mode rm (infinities stay infinite). */
  static double roundIntegral(double v, int rm) {
    switch (rm) {
      case RNE:
        return Math.rint(v);
      case RDN:
        return Math.floor(v);
      case RUP:
        return Math.ceil(v);
      case RMM:
        if (!(Math.abs(v) < 0x1p52)) {
          return v;
        }
        double t = v < 0 ? Math.ceil(v) : Math.floor(v);
        // v - t is exact below 2^52.
        return Math.abs(v - t) >= 0.5 ? t + Math.copySign(1.0, v) : t;
      default:
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }
  }

  /** Integer value to binary32/binary64 bits; unsigned says whether x is read as unsigned. */
  static long fromLong(SoftFpu fpu, long x, boolean unsigned, int rm, int frac) {
    if (x == 0) {
      return 0;
    }
    boolean neg = !unsigned && x < 0;
    long mag = neg ? -x : x;
    long limit = 1L << (frac + 1);
    if (mag > 0 && mag <= limit) {
      // Fits the significand: Java's conversion is exact.
      return frac == Rounder.D_FRAC
          ? Double.doubleToRawLongBits((double) x)
          : Float.floatToRawIntBits((float) x);
    }
    return Rounder.fromUnsigned(fpu, neg, mag, rm, frac);
  }
}
