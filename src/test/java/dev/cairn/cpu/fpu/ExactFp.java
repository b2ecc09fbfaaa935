package dev.cairn.cpu.fpu;

import java.math.BigInteger;

/**
 * Slow exact reference for {@link SoftFpu}: operands become exact dyadic or rational values in
 * BigInteger, results are rounded bit by bit to the format. Written independently of the main code
 * so the two can disagree. Reference: IEEE 754-2019 §4.3, §5.4, §6, §7; RISC-V unprivileged spec,
 * chapters "F" and "D" (canonical NaN, fcvt saturation table).
 */
final class ExactFp {

  /** A binary interchange format: fraction bits and exponent bias. */
  record Fmt(int frac, int bias) {
    int prec() {
      return frac + 1;
    }

    int emin() {
      return 1 - bias;
    }

    long signBit() {
      return 1L << (frac == 52 ? 63 : 31);
    }

    long expMask() {
      return frac == 52 ? 0x7ff0000000000000L : 0x7f800000L;
    }

    long canonicalNaN() {
      return frac == 52 ? SoftFpu.CANONICAL_NAN_D : SoftFpu.CANONICAL_NAN_S;
    }

    long mask() {
      return frac == 52 ? -1L : 0xffffffffL;
    }
  }

  static final Fmt S = new Fmt(23, 127);
  static final Fmt D = new Fmt(52, 1023);

  int flags;

  // ---- decoding ----

  static boolean neg(long a, Fmt f) {
    return (a & f.signBit()) != 0;
  }

  static long mag(long a, Fmt f) {
    return a & f.mask() & ~f.signBit();
  }

  static boolean isNaN(long a, Fmt f) {
    return mag(a, f) > f.expMask();
  }

  static boolean isSNaN(long a, Fmt f) {
    return isNaN(a, f) && (a & (1L << (f.frac() - 1))) == 0;
  }

  static boolean isInf(long a, Fmt f) {
    return mag(a, f) == f.expMask();
  }

  static boolean isZero(long a, Fmt f) {
    return mag(a, f) == 0;
  }

  /** Signed integer significand: the value is num(a) * 2^exp(a). */
  static BigInteger num(long a, Fmt f) {
    long m = a & ((1L << f.frac()) - 1);
    long e = mag(a, f) >>> f.frac();
    if (e != 0) {
      m |= 1L << f.frac();
    }
    BigInteger n = BigInteger.valueOf(m);
    return neg(a, f) ? n.negate() : n;
  }

  static int exp(long a, Fmt f) {
    int e = (int) (mag(a, f) >>> f.frac());
    return Math.max(e, 1) - f.bias() - f.frac();
  }

  // ---- rounding ----

  private long zero(boolean neg, Fmt f) {
    return neg ? f.signBit() : 0;
  }

  /** Sign of an exact zero sum of two addends with the given signs (IEEE 754 §6.3). */
  private long zeroSum(boolean n1, boolean n2, int rm, Fmt f) {
    if (n1 == n2) {
      return zero(n1, f);
    }
    return zero(rm == SoftFpu.RDN, f);
  }

  private static boolean roundUp(
      boolean neg, BigInteger kept, BigInteger rem, BigInteger half, boolean sticky, int rm) {
    int cmp = rem.compareTo(half);
    boolean above = cmp > 0 || (cmp == 0 && sticky);
    boolean tie = cmp == 0 && !sticky;
    boolean inexact = rem.signum() != 0 || sticky;
    switch (rm) {
      case SoftFpu.RNE:
        return above || (tie && kept.testBit(0));
      case SoftFpu.RMM:
        return above || tie;
      case SoftFpu.RDN:
        return neg && inexact;
      case SoftFpu.RUP:
        return !neg && inexact;
      default:
        return false;
    }
  }

  /** m with its lowest s bits rounded off in mode rm (s >= 1). */
  private static BigInteger roundOff(
      boolean neg, BigInteger m, int s, boolean sticky, int rm) {
    BigInteger kept = m.shiftRight(s);
    BigInteger rem = m.subtract(kept.shiftLeft(s));
    BigInteger half = BigInteger.ONE.shiftLeft(s - 1);
    return roundUp(neg, kept, rem, half, sticky, rm) ? kept.add(BigInteger.ONE) : kept;
  }

  /**
   * Rounds (-1)^neg * (m + d) * 2^k with 0 <= d < 1 and d > 0 iff sticky; m > 0. With sticky, m
   * must have at least prec + 3 bits.
   */
  long round(boolean neg, BigInteger m, int k, boolean sticky, int rm, Fmt f) {
    int need = f.prec() + 3;
    if (m.bitLength() < need) {
      if (sticky) {
        throw new IllegalArgumentException("too few bits with sticky");
      }
      int s = need - m.bitLength();
      m = m.shiftLeft(s);
      k -= s;
    }
    int lead = k + m.bitLength() - 1;
    int qUnbounded = lead - f.frac();
    int q = Math.max(qUnbounded, f.emin() - f.frac());
    BigInteger rem = m.subtract(m.shiftRight(q - k).shiftLeft(q - k));
    boolean inexact = rem.signum() != 0 || sticky;
    BigInteger keptU = roundOff(neg, m, qUnbounded - k, sticky, rm);
    boolean tiny = keptU.bitLength() - 1 + qUnbounded < f.emin();
    BigInteger kept = roundOff(neg, m, q - k, sticky, rm);
    if (inexact) {
      flags |= SoftFpu.NX;
      if (tiny) {
        flags |= SoftFpu.UF;
      }
    }
    if (kept.signum() == 0) {
      return zero(neg, f);
    }
    if (kept.bitLength() > f.prec()) {
      kept = kept.shiftRight(1);
      q++;
    }
    int top = kept.bitLength() - 1 + q;
    if (top > f.bias()) {
      return overflow(neg, rm, f);
    }
    long bits;
    if (kept.bitLength() == f.prec()) {
      long biased = top + f.bias();
      bits = (biased << f.frac()) | kept.clearBit(f.frac()).longValueExact();
    } else {
      bits = kept.longValueExact();
    }
    return neg ? bits | f.signBit() : bits;
  }

  private long overflow(boolean neg, int rm, Fmt f) {
    flags |= SoftFpu.OF | SoftFpu.NX;
    boolean inf =
        rm == SoftFpu.RNE
            || rm == SoftFpu.RMM
            || (rm == SoftFpu.RUP && !neg)
            || (rm == SoftFpu.RDN && neg);
    long mag = inf ? f.expMask() : f.expMask() - 1;
    return neg ? mag | f.signBit() : mag;
  }

  /** Rounds the exact value n * 2^e (n != 0). */
  long roundDyadic(BigInteger n, int e, int rm, Fmt f) {
    return round(n.signum() < 0, n.abs(), e, false, rm, f);
  }

  // ---- operations ----

  private long nan(Fmt f, long... ops) {
    for (long o : ops) {
      if (isSNaN(o, f)) {
        flags |= SoftFpu.NV;
      }
    }
    return f.canonicalNaN();
  }

  private long invalid(Fmt f) {
    flags |= SoftFpu.NV;
    return f.canonicalNaN();
  }

  private long inf(boolean neg, Fmt f) {
    return neg ? f.expMask() | f.signBit() : f.expMask();
  }

  long add(long a, long b, int rm, Fmt f) {
    if (isNaN(a, f) || isNaN(b, f)) {
      return nan(f, a, b);
    }
    if (isInf(a, f) || isInf(b, f)) {
      if (isInf(a, f) && isInf(b, f) && neg(a, f) != neg(b, f)) {
        return invalid(f);
      }
      return isInf(a, f) ? a : b;
    }
    return sum(num(a, f), exp(a, f), neg(a, f), num(b, f), exp(b, f), neg(b, f), rm, f);
  }

  /** Rounds na*2^ea + nb*2^eb; the signs are those of the addends for the zero rule. */
  private long sum(
      BigInteger na, int ea, boolean sa, BigInteger nb, int eb, boolean sb, int rm, Fmt f) {
    int e = Math.min(ea, eb);
    BigInteger n = na.shiftLeft(ea - e).add(nb.shiftLeft(eb - e));
    if (n.signum() == 0) {
      return zeroSum(sa, sb, rm, f);
    }
    return roundDyadic(n, e, rm, f);
  }

  long sub(long a, long b, int rm, Fmt f) {
    return add(a, b ^ f.signBit(), rm, f);
  }

  long mul(long a, long b, int rm, Fmt f) {
    if (isNaN(a, f) || isNaN(b, f)) {
      return nan(f, a, b);
    }
    boolean neg = neg(a, f) != neg(b, f);
    if (isInf(a, f) || isInf(b, f)) {
      return isZero(a, f) || isZero(b, f) ? invalid(f) : inf(neg, f);
    }
    if (isZero(a, f) || isZero(b, f)) {
      return zero(neg, f);
    }
    return roundDyadic(num(a, f).multiply(num(b, f)), exp(a, f) + exp(b, f), rm, f);
  }

  long div(long a, long b, int rm, Fmt f) {
    if (isNaN(a, f) || isNaN(b, f)) {
      return nan(f, a, b);
    }
    boolean neg = neg(a, f) != neg(b, f);
    if (isInf(a, f)) {
      return isInf(b, f) ? invalid(f) : inf(neg, f);
    }
    if (isInf(b, f)) {
      return zero(neg, f);
    }
    if (isZero(b, f)) {
      if (isZero(a, f)) {
        return invalid(f);
      }
      flags |= SoftFpu.DZ;
      return inf(neg, f);
    }
    if (isZero(a, f)) {
      return zero(neg, f);
    }
    BigInteger na = num(a, f).abs();
    BigInteger nb = num(b, f).abs();
    int sh = f.prec() + 5 + nb.bitLength();
    BigInteger[] qr = na.shiftLeft(sh).divideAndRemainder(nb);
    return round(neg, qr[0], exp(a, f) - exp(b, f) - sh, qr[1].signum() != 0, rm, f);
  }

  long sqrt(long a, int rm, Fmt f) {
    if (isNaN(a, f)) {
      return nan(f, a);
    }
    if (isZero(a, f)) {
      return a;
    }
    if (neg(a, f)) {
      return invalid(f);
    }
    if (isInf(a, f)) {
      return a;
    }
    BigInteger n = num(a, f);
    int e = exp(a, f);
    if ((e & 1) != 0) {
      n = n.shiftLeft(1);
      e--;
    }
    int t = f.prec() + 5;
    BigInteger big = n.shiftLeft(2 * t);
    BigInteger m = big.sqrt();
    return round(false, m, (e - 2 * t) / 2, !m.multiply(m).equals(big), rm, f);
  }

  long fma(long a, long b, long c, int rm, Fmt f) {
    boolean infZero =
        (isInf(a, f) && isZero(b, f)) || (isZero(a, f) && isInf(b, f));
    if (isNaN(a, f) || isNaN(b, f) || isNaN(c, f)) {
      long r = nan(f, a, b, c);
      if (infZero) {
        flags |= SoftFpu.NV;
      }
      return r;
    }
    boolean negP = neg(a, f) != neg(b, f);
    if (infZero) {
      return invalid(f);
    }
    if (isInf(a, f) || isInf(b, f)) {
      if (isInf(c, f) && neg(c, f) != negP) {
        return invalid(f);
      }
      return inf(negP, f);
    }
    if (isInf(c, f)) {
      return c;
    }
    return sum(
        num(a, f).multiply(num(b, f)), exp(a, f) + exp(b, f), negP,
        num(c, f), exp(c, f), neg(c, f), rm, f);
  }

  /** minimumNumber / maximumNumber as RISC-V fmin/fmax. */
  long minMax(long a, long b, boolean min, Fmt f) {
    if (isNaN(a, f) || isNaN(b, f)) {
      if (isSNaN(a, f) || isSNaN(b, f)) {
        flags |= SoftFpu.NV;
      }
      if (isNaN(a, f) && isNaN(b, f)) {
        return f.canonicalNaN();
      }
      return isNaN(a, f) ? b : a;
    }
    int cmp = compare(a, b, f);
    if (cmp == 0) {
      // Only the zeros compare equal with different bits: -0 is the smaller.
      boolean pickNeg = min;
      if (neg(a, f) != neg(b, f)) {
        return neg(a, f) == pickNeg ? a : b;
      }
      return a;
    }
    return (cmp < 0) == min ? a : b;
  }

  /** Numeric comparison of two non-NaN values. */
  static int compare(long a, long b, Fmt f) {
    if (isInf(a, f) || isInf(b, f)) {
      int ra = isInf(a, f) ? (neg(a, f) ? -1 : 1) : 0;
      int rb = isInf(b, f) ? (neg(b, f) ? -1 : 1) : 0;
      return Integer.compare(ra, rb);
    }
    int ea = exp(a, f);
    int eb = exp(b, f);
    int e = Math.min(ea, eb);
    return num(a, f).shiftLeft(ea - e).compareTo(num(b, f).shiftLeft(eb - e));
  }

  /** 0 = eq (quiet), 1 = lt, 2 = le (signaling). */
  boolean cmp(long a, long b, int kind, Fmt f) {
    if (isNaN(a, f) || isNaN(b, f)) {
      if (kind != 0 || isSNaN(a, f) || isSNaN(b, f)) {
        flags |= SoftFpu.NV;
      }
      return false;
    }
    int c = compare(a, b, f);
    return kind == 0 ? c == 0 : kind == 1 ? c < 0 : c <= 0;
  }

  /** fcvt to an integer kind (0 W, 1 WU, 2 L, 3 LU), result as the 64-bit register value. */
  long toInt(long a, int rm, int kind, Fmt f) {
    BigInteger lo = kind == 0 ? BigInteger.ONE.shiftLeft(31).negate()
        : kind == 2 ? BigInteger.ONE.shiftLeft(63).negate() : BigInteger.ZERO;
    BigInteger hi = kind == 0 ? BigInteger.ONE.shiftLeft(31).subtract(BigInteger.ONE)
        : kind == 1 ? BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)
        : kind == 2 ? BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    BigInteger v;
    boolean inexact = false;
    if (isNaN(a, f)) {
      v = hi.add(BigInteger.ONE);
    } else if (isInf(a, f)) {
      v = neg(a, f) ? lo.subtract(BigInteger.ONE) : hi.add(BigInteger.ONE);
    } else {
      BigInteger n = num(a, f);
      int e = exp(a, f);
      if (e >= 0) {
        v = n.shiftLeft(e);
      } else {
        boolean ng = n.signum() < 0;
        BigInteger m = n.abs().shiftLeft(2);
        BigInteger r = roundOff(ng, m, 2 - e, false, rm);
        inexact = !r.shiftLeft(-e).equals(n.abs());
        v = ng ? r.negate() : r;
      }
    }
    if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
      flags |= SoftFpu.NV;
      v = isNaN(a, f) || v.signum() > 0 ? hi : lo;
    } else if (inexact) {
      flags |= SoftFpu.NX;
    }
    long bits = v.longValue();
    return kind <= 1 ? (int) bits : bits;
  }

  /** fcvt from an integer: x read as signed or unsigned 64-bit. */
  long fromInt(long x, boolean unsigned, int rm, Fmt f) {
    BigInteger v = BigInteger.valueOf(x);
    if (unsigned && x < 0) {
      v = v.add(BigInteger.ONE.shiftLeft(64));
    }
    if (v.signum() == 0) {
      return 0;
    }
    return roundDyadic(v, 0, rm, f);
  }

  /** Converts between formats (either direction). */
  long convert(long a, int rm, Fmt from, Fmt to) {
    if (isNaN(a, from)) {
      return nan(from, a) == from.canonicalNaN() ? to.canonicalNaN() : 0;
    }
    boolean neg = neg(a, from);
    if (isInf(a, from)) {
      return inf(neg, to);
    }
    if (isZero(a, from)) {
      return zero(neg, to);
    }
    return roundDyadic(num(a, from), exp(a, from), rm, to);
  }
}
