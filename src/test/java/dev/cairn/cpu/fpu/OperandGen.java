package dev.cairn.cpu.fpu;

import java.util.SplittableRandom;

/**
 * Seeded operand generator biased toward the hard cases: subnormals, the edges of the normal range,
 * ties (short significands), cancellation, zeros, infinities and NaNs. Reference: IEEE 754-2019
 * §3.4 (binary interchange encodings).
 */
final class OperandGen {

  private static final long[] SPECIAL_S = {
    0, 0x80000000L, 0x7f800000L, 0xff800000L, 0x7fc00000L, 0x7f800001L, 0xffbfffffL,
    0x7fc00123L, 1, 0x80000001L, 0x007fffffL, 0x00800000L, 0x80800000L, 0x7f7fffffL,
    0xff7fffffL, 0x3f800000L, 0xbf800000L, 0x4f000000L, 0xcf000000L, 0x4f800000L, 0x5f000000L,
    0xdf000000L, 0x5f800000L, 0x3f000000L, 0x3fc00000L, 0x40200000L, 0xbf000000L, 0x4effffffL,
    0x4f7fffffL, 0xbf7fffffL, 0x3effffffL,
  };

  private static final long[] SPECIAL_D = {
    0, Long.MIN_VALUE, 0x7ff0000000000000L, 0xfff0000000000000L, 0x7ff8000000000000L,
    0x7ff0000000000001L, 0xfff7ffffffffffffL, 0x7ff8000000000123L, 1, 0x8000000000000001L,
    0x000fffffffffffffL, 0x0010000000000000L, 0x8010000000000000L, 0x7fefffffffffffffL,
    0xffefffffffffffffL, 0x3ff0000000000000L, 0xbff0000000000000L, 0x41e0000000000000L,
    0xc1e0000000000000L, 0x41f0000000000000L, 0x43e0000000000000L, 0xc3e0000000000000L,
    0x43f0000000000000L, 0x3fe0000000000000L, 0x3ff8000000000000L, 0x4004000000000000L,
    0xbfe0000000000000L, 0x41dfffffffc00000L, 0x41efffffffe00000L, 0xbfd3333333333333L,
    0x41dfffffffffffffL, 0xc1e0000000100000L,
  };

  private final SplittableRandom rnd;
  private final ExactFp.Fmt f;

  OperandGen(long seed, ExactFp.Fmt f) {
    this.rnd = new SplittableRandom(seed);
    this.f = f;
  }

  private long pack(boolean neg, long biasedExp, long frac) {
    long bits = (biasedExp << f.frac()) | (frac & ((1L << f.frac()) - 1));
    return neg ? bits | f.signBit() : bits;
  }

  private long randomFrac() {
    return rnd.nextLong() & ((1L << f.frac()) - 1);
  }

  /** A fraction with only a few leading bits set, so results are often exact or ties. */
  private long shortFrac() {
    int keep = rnd.nextInt(1, 6);
    return randomFrac() & ~((1L << (f.frac() - keep)) - 1);
  }

  long next() {
    boolean neg = rnd.nextBoolean();
    int maxExp = 2 * f.bias();
    switch (rnd.nextInt(10)) {
      case 0:
        return rnd.nextLong() & f.mask();
      case 1:
        long[] sp = f.frac() == 52 ? SPECIAL_D : SPECIAL_S;
        return sp[rnd.nextInt(sp.length)];
      case 2:
        return pack(neg, 0, rnd.nextBoolean() ? randomFrac() : shortFrac() >>> rnd.nextInt(10));
      case 3:
        return pack(neg, rnd.nextInt(1, 4), rnd.nextBoolean() ? randomFrac() : shortFrac());
      case 4:
        return pack(neg, maxExp - rnd.nextInt(3), rnd.nextBoolean() ? randomFrac() : shortFrac());
      case 5:
        return pack(neg, f.bias() + rnd.nextInt(-30, 30), shortFrac());
      case 6:
        return pack(neg, rnd.nextInt(1, maxExp + 1), randomFrac());
      default:
        return pack(neg, f.bias() + rnd.nextInt(-40, 40), randomFrac());
    }
  }

  /** A second operand that is often close to -a or a (cancellation, equal exponents). */
  long related(long a) {
    switch (rnd.nextInt(4)) {
      case 0:
        return ((a ^ f.signBit()) + rnd.nextInt(-3, 4)) & f.mask();
      case 1:
        return (a + ((long) rnd.nextInt(-60, 60) << f.frac())) & f.mask();
      default:
        return next();
    }
  }

  /**
   * A second operand putting a*b (or a/b) within a few ulps of a range boundary: the smallest
   * normal (tininess after rounding), the subnormal range, or the largest finite value.
   */
  long boundaryPartner(long a, boolean div, SoftFpu s) {
    long minNormal = 1L << f.frac();
    long[] targets = {minNormal, minNormal - 1, minNormal >>> 3, f.expMask() - 1};
    long t = targets[rnd.nextInt(targets.length)];
    long b;
    if (f.frac() == 52) {
      b = div ? s.divD(a, t, SoftFpu.RNE) : s.divD(t, a, SoftFpu.RNE);
    } else {
      b = (div ? s.divS((int) a, (int) t, SoftFpu.RNE) : s.divS((int) t, (int) a, SoftFpu.RNE))
          & 0xffffffffL;
    }
    return (b + rnd.nextInt(-2, 3)) & f.mask();
  }

  /** An addend near -(a*b) so a fused multiply-add cancels heavily, else a random operand. */
  long addendFor(long a, long b, SoftFpu scratch) {
    if (rnd.nextInt(3) != 0) {
      return next();
    }
    long p = f.frac() == 52
        ? scratch.mulD(a, b, SoftFpu.RNE)
        : scratch.mulS((int) a, (int) b, SoftFpu.RNE) & 0xffffffffL;
    return ((p ^ f.signBit()) + rnd.nextInt(-2, 3)) & f.mask();
  }

  /** A random integer register value, biased to the edges of the significand and int ranges. */
  long nextInt() {
    switch (rnd.nextInt(6)) {
      case 0:
        return rnd.nextLong();
      case 1:
        return rnd.nextLong() >> rnd.nextInt(64);
      case 2:
        return (1L << rnd.nextInt(64)) + rnd.nextInt(-3, 4);
      case 3:
        return -(1L << rnd.nextInt(64)) + rnd.nextInt(-3, 4);
      case 4:
        return (long) rnd.nextInt() << rnd.nextInt(40);
      default:
        return rnd.nextInt();
    }
  }

  int nextRm() {
    return rnd.nextInt(5);
  }
}
