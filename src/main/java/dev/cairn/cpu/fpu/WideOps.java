package dev.cairn.cpu.fpu;

import static dev.cairn.cpu.fpu.SoftFpu.RDN;

/**
 * Integer-significand binary64 multiply, divide and fused multiply-add, exact up to a sticky bit
 * and then rounded by {@link Rounder}. Used where the double fast paths cannot prove exactness
 * (subnormal and overflow ranges) and for every fused multiply-add. Operands are finite and
 * nonzero. Reference: IEEE 754-2019 §5.4.1 (fusedMultiplyAdd), §4.3; RISC-V unprivileged spec,
 * chapter "D".
 */
final class WideOps {

  private WideOps() {}

  /** Significand of a finite nonzero double, normalised so its leading one is bit 52. */
  static long sig(long a) {
    long m = a & DoubleArith.FRAC;
    if ((a & DoubleArith.EXP) == 0) {
      return m << (Long.numberOfLeadingZeros(m) - 11);
    }
    return m | (1L << 52);
  }

  /** Unbiased exponent matching {@link #sig}: the value is sig * 2^(exp - 52). */
  static int exp(long a) {
    int ef = (int) (a >>> 52) & 0x7ff;
    if (ef == 0) {
      return 1 - (Long.numberOfLeadingZeros(a & DoubleArith.FRAC) - 11) - 1023;
    }
    return ef - 1023;
  }

  static long mulD(SoftFpu fpu, long a, long b, int rm) {
    long ma = sig(a);
    long mb = sig(b);
    long hi = Math.multiplyHigh(ma, mb);
    long lo = ma * mb;
    // The 106-bit product has its leading one at bit 104 or 105; keep 63 bits plus sticky.
    int top = (hi >>> 41) != 0 ? 1 : 0;
    int k = 42 + top;
    long s = (hi << (64 - k)) | (lo >>> k) | ((lo << (64 - k)) != 0 ? 1 : 0);
    return Rounder.roundPack(fpu, (a ^ b) < 0, exp(a) + exp(b) + top, s, rm, Rounder.D_FRAC);
  }

  static long divD(SoftFpu fpu, long a, long b, int rm) {
    long ma = sig(a);
    long mb = sig(b);
    int e = exp(a) - exp(b);
    long rem = ma;
    if (rem < mb) {
      rem <<= 1;
      e--;
    }
    // Long division, nine quotient bits per step (rem < 2^54, so rem << 9 fits); 62 steps' worth
    // of bits put the quotient's leading one at bit 62.
    long q = 0;
    int bits = 0;
    while (bits < 62) {
      int n = Math.min(9, 62 - bits);
      long num = rem << n;
      q = (q << n) | (num / mb);
      rem = num % mb;
      bits += n;
    }
    return Rounder.roundPack(fpu, (a ^ b) < 0, e, q | (rem != 0 ? 1 : 0), rm, Rounder.D_FRAC);
  }

  /** a * b + c with finite nonzero a and b and finite c, rounded once. */
  static long fmaD(SoftFpu fpu, long a, long b, long c, int rm) {
    boolean negP = (a ^ b) < 0;
    long ma = sig(a);
    long mb = sig(b);
    long ph = Math.multiplyHigh(ma, mb);
    long pl = ma * mb;
    // Place the product's leading one at bit 126 of (ph:pl): value = (ph:pl) * 2^(ep - 126).
    int sh = (ph >>> 41) != 0 ? 21 : 22;
    int ep = exp(a) + exp(b) + (sh == 21 ? 1 : 0);
    ph = (ph << sh) | (pl >>> (64 - sh));
    pl <<= sh;
    if (DoubleArith.isZero(c)) {
      return Rounder.roundPack(fpu, negP, ep, ph | (pl != 0 ? 1 : 0), rm, Rounder.D_FRAC);
    }
    long ch = sig(c) << 10;
    int ec = exp(c);
    boolean negC = c < 0;
    // x is the operand with the larger exponent, y is aligned to it.
    long xh;
    long xl;
    long yh;
    long yl;
    int ex;
    boolean negX;
    boolean negY;
    int d;
    if (ep >= ec) {
      xh = ph;
      xl = pl;
      yh = ch;
      yl = 0;
      ex = ep;
      negX = negP;
      negY = negC;
      d = ep - ec;
    } else {
      xh = ch;
      xl = 0;
      yh = ph;
      yl = pl;
      ex = ec;
      negX = negC;
      negY = negP;
      d = ec - ep;
    }
    // Shift y right by d, jamming lost bits into bit 0. Jamming is exact enough: a lossy shift
    // means d >= 22, so at most one bit cancels and rounding happens far above bit 1.
    if (d >= 128) {
      yh = 0;
      yl = 1;
    } else if (d >= 64) {
      boolean st = yl != 0 || (d > 64 && (yh << (128 - d)) != 0);
      yl = (yh >>> (d - 64)) | (st ? 1 : 0);
      yh = 0;
    } else if (d > 0) {
      boolean st = (yl << (64 - d)) != 0;
      yl = (yl >>> d) | (yh << (64 - d)) | (st ? 1 : 0);
      yh >>>= d;
    }
    long rh;
    long rl;
    boolean neg = negX;
    if (negX == negY) {
      rl = xl + yl;
      rh = xh + yh + (Long.compareUnsigned(rl, xl) < 0 ? 1 : 0);
    } else {
      if (xh < yh || (xh == yh && Long.compareUnsigned(xl, yl) < 0)) {
        long t = xh;
        xh = yh;
        yh = t;
        t = xl;
        xl = yl;
        yl = t;
        neg = negY;
      }
      rl = xl - yl;
      rh = xh - yh - (Long.compareUnsigned(xl, yl) < 0 ? 1 : 0);
      if ((rh | rl) == 0) {
        return rm == RDN ? DoubleArith.SIGN : 0;
      }
    }
    int lead = rh != 0 ? 127 - Long.numberOfLeadingZeros(rh) : 63 - Long.numberOfLeadingZeros(rl);
    long s;
    if (lead < 62) {
      s = rl << (62 - lead);
    } else {
      s = shiftRightJam(rh, rl, lead - 62);
    }
    return Rounder.roundPack(fpu, neg, ex + lead - 126, s, rm, Rounder.D_FRAC);
  }

  /** (h:l) >>> n for 0 <= n <= 65, with every lost bit ORed into bit 0. */
  private static long shiftRightJam(long h, long l, int n) {
    if (n == 0) {
      return l;
    }
    if (n < 64) {
      return (h << (64 - n)) | (l >>> n) | ((l << (64 - n)) != 0 ? 1 : 0);
    }
    if (n == 64) {
      return h | (l != 0 ? 1 : 0);
    }
    return (h >>> (n - 64)) | (((h << (128 - n)) | l) != 0 ? 1 : 0);
  }
}
