package dev.cairn.cpu.fpu;

/**
 * Integer rounding core: turns an exact value given as a significand with sticky bit into binary32
 * or binary64 bits under a RISC-V rounding mode, raising NX/UF/OF. Reference: RISC-V unprivileged
 * spec, chapter "F" (Floating-Point Control and Status Register), and IEEE 754-2019 §4.3, §7.4,
 * §7.5 (tininess detected after rounding).
 */
final class Rounder {

  /** Fraction widths, used as format selectors. */
  static final int S_FRAC = 23;

  static final int D_FRAC = 52;

  private Rounder() {}

  /**
   * Rounds (-1)^neg * sig * 2^(exp - 62), where sig lies in [2^62, 2^63) and its bit 0 is a sticky
   * bit (the exact value may lie strictly between sig and sig + 1). Returns the raw bits (binary32
   * in the low 32 bits).
   */
  static long roundPack(SoftFpu fpu, boolean neg, int exp, long sig, int rm, int frac) {
    int prec = frac + 1;
    int bias = frac == D_FRAC ? 1023 : 127;
    int emin = 1 - bias;
    int drop = 63 - prec;
    long bits;
    boolean inexact;
    if (exp > bias) {
      // At least 2^(emax+1) before rounding; also keeps the exponent field arithmetic in range.
      return overflow(fpu, neg, rm, frac);
    }
    if (exp >= emin) {
      long rem = sig & ((1L << drop) - 1);
      long kept = (sig >>> drop) + increment(neg, sig >>> drop, rem, drop, rm);
      // kept includes the implicit bit, so it adds one to the exponent field; a carry to 2^prec
      // lands in the exponent field by itself.
      bits = ((long) (exp + bias - 1) << frac) + kept;
      if ((bits >>> frac) >= 2 * bias + 1) {
        return overflow(fpu, neg, rm, frac);
      }
      inexact = rem != 0;
    } else {
      int shift = drop + (emin - exp);
      long s = sig;
      if (shift > 63) {
        s = 1;
        shift = 63;
      }
      long rem = s & ((1L << shift) - 1);
      bits = (s >>> shift) + increment(neg, s >>> shift, rem, shift, rm);
      inexact = rem != 0;
      if (inexact && isTinyAfterRounding(neg, exp, sig, rm, drop, prec, emin)) {
        fpu.flags |= SoftFpu.UF;
      }
    }
    if (inexact) {
      fpu.flags |= SoftFpu.NX;
    }
    return neg ? bits | signBit(frac) : bits;
  }

  /** IEEE tininess after rounding: would the result, rounded with unbounded exponent, be tiny? */
  private static boolean isTinyAfterRounding(
      boolean neg, int exp, long sig, int rm, int drop, int prec, int emin) {
    if (exp < emin - 1) {
      return true;
    }
    long rem = sig & ((1L << drop) - 1);
    long kept = (sig >>> drop) + increment(neg, sig >>> drop, rem, drop, rm);
    return (kept >>> prec) == 0;
  }

  /** Returns 1 when the kept part must be bumped; rem holds the n dropped bits (1 <= n <= 63). */
  static long increment(boolean neg, long kept, long rem, int n, int rm) {
    if (rem == 0) {
      return 0;
    }
    long half = 1L << (n - 1);
    switch (rm) {
      case SoftFpu.RNE:
        return rem > half || (rem == half && (kept & 1) != 0) ? 1 : 0;
      case SoftFpu.RMM:
        return rem >= half ? 1 : 0;
      case SoftFpu.RDN:
        return neg ? 1 : 0;
      case SoftFpu.RUP:
        return neg ? 0 : 1;
      default:
        return 0;
    }
  }

  /** Result of a finite value too large for the format (IEEE 754 §7.4). */
  static long overflow(SoftFpu fpu, boolean neg, int rm, int frac) {
    fpu.flags |= SoftFpu.OF | SoftFpu.NX;
    boolean toInf;
    switch (rm) {
      case SoftFpu.RTZ:
        toInf = false;
        break;
      case SoftFpu.RDN:
        toInf = neg;
        break;
      case SoftFpu.RUP:
        toInf = !neg;
        break;
      default:
        toInf = true;
    }
    long inf = frac == D_FRAC ? 0x7ff0000000000000L : 0x7f800000L;
    long mag = toInf ? inf : inf - 1;
    return neg ? mag | signBit(frac) : mag;
  }

  /**
   * Rounds an unsigned 64-bit integer magnitude (nonzero) to the format; integers never underflow.
   */
  static long fromUnsigned(SoftFpu fpu, boolean neg, long mag, int rm, int frac) {
    int lz = Long.numberOfLeadingZeros(mag);
    long top = mag << lz;
    long sig = (top >>> 1) | (top & 1);
    return roundPack(fpu, neg, 63 - lz, sig, rm, frac);
  }

  static long signBit(int frac) {
    return frac == D_FRAC ? Long.MIN_VALUE : 0x80000000L;
  }
}
