package dev.cairn.cpu.fpu;

import static dev.cairn.cpu.fpu.SoftFpu.DZ;
import static dev.cairn.cpu.fpu.SoftFpu.NV;
import static dev.cairn.cpu.fpu.SoftFpu.NX;
import static dev.cairn.cpu.fpu.SoftFpu.OF;
import static dev.cairn.cpu.fpu.SoftFpu.RDN;
import static dev.cairn.cpu.fpu.SoftFpu.RMM;
import static dev.cairn.cpu.fpu.SoftFpu.RNE;
import static dev.cairn.cpu.fpu.SoftFpu.RTZ;
import static dev.cairn.cpu.fpu.SoftFpu.RUP;
import static dev.cairn.cpu.fpu.SoftFpu.UF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-picked cases whose answers come straight from the RISC-V F/D chapters and IEEE 754:
 * rounding of 1/3, the fcvt saturation table, fmin/fmax zeros and NaNs, fclass, tininess after
 * rounding, overflow per mode. Reference: RISC-V unprivileged spec, chapters "F" and "D".
 */
class SoftFpuSpecTest {

  private static final int ONE_S = 0x3f800000;
  private static final int THREE_S = 0x40400000;
  private static final long ONE_D = 0x3ff0000000000000L;
  private static final long THREE_D = 0x4008000000000000L;
  private static final int SNAN_S = 0x7f800001;
  private static final int QNAN_S = 0x7fc00123;
  private static final long SNAN_D = 0x7ff0000000000001L;
  private static final long QNAN_D = 0x7ff8000000000123L;
  private static final long MIN_NORMAL_D = 0x0010000000000000L;

  /** Runs op on a fresh FPU and checks both the result and the flags it raised. */
  private static void check(long want, int wantFlags, ToLongFunction<SoftFpu> op) {
    SoftFpu fpu = new SoftFpu();
    long got = op.applyAsLong(fpu);
    assertEquals(Long.toHexString(want), Long.toHexString(got), "result");
    assertEquals(
        SoftFpuRandomTest.flagStr(wantFlags), SoftFpuRandomTest.flagStr(fpu.flags), "flags");
  }

  private static long d(double v) {
    return Double.doubleToRawLongBits(v);
  }

  private static int s(float v) {
    return Float.floatToRawIntBits(v);
  }

  @ParameterizedTest(name = "1/3 rm={0}")
  @CsvSource({"0, 3eaaaaab, 3fd5555555555555", "1, 3eaaaaaa, 3fd5555555555555",
      "2, 3eaaaaaa, 3fd5555555555555", "3, 3eaaaaab, 3fd5555555555556",
      "4, 3eaaaaab, 3fd5555555555555"})
  void oneThirdInEveryMode(int rm, String single, String dbl) {
    check(Long.parseLong(single, 16), NX, u -> u.divS(ONE_S, THREE_S, rm));
    check(Long.parseUnsignedLong(dbl, 16), NX, u -> u.divD(ONE_D, THREE_D, rm));
    // -1/3 rounds the other way in the directed modes.
    long negWant = Long.parseUnsignedLong(dbl, 16) | Long.MIN_VALUE;
    if (rm == RDN) {
      negWant = 0xbfd5555555555556L;
    } else if (rm == RUP) {
      negWant = 0xbfd5555555555555L;
    }
    check(negWant, NX, u -> u.divD(ONE_D | Long.MIN_VALUE, THREE_D, rm));
  }

  @Test
  void fcvtSaturation() {
    check(0x7fffffffL, NV, u -> u.cvtWS(0x4f000000, RNE));
    check(0xffffffff80000000L, 0, u -> u.cvtWS(0xcf000000, RNE));
    check(0, NV, u -> u.cvtWUD(d(-1.0), RNE));
    check(0, NX, u -> u.cvtWUD(d(-0.3), RTZ));
    check(-1L, 0, u -> u.cvtWUD(d(4294967295.0), RNE));
    check(-1L, NV, u -> u.cvtWUD(d(4294967296.0), RNE));
    check(0x7fffffffL, NV, u -> u.cvtWD(QNAN_D, RNE));
    check(-1L, NV, u -> u.cvtWUS(QNAN_S, RNE));
    check(Long.MAX_VALUE, NV, u -> u.cvtLD(SNAN_D, RNE));
    check(-1L, NV, u -> u.cvtLUD(QNAN_D, RNE));
    check(Long.MIN_VALUE, NV, u -> u.cvtLD(d(Double.NEGATIVE_INFINITY), RNE));
    check(Long.MAX_VALUE, NV, u -> u.cvtLS(s(Float.POSITIVE_INFINITY), RNE));
    check(0, NV, u -> u.cvtLUS(s(-1.0f), RUP));
    check(0x8000000000000000L, 0, u -> u.cvtLUD(d(0x1p63), RNE));
  }

  @Test
  void fcvtRoundingToInteger() {
    check(3, NX, u -> u.cvtWS(s(2.5f), RMM));
    check(-3, NX, u -> u.cvtWS(s(-2.5f), RMM));
    check(2, NX, u -> u.cvtWS(s(2.5f), RNE));
    check(-1, NX, u -> u.cvtWD(d(-1.5), RUP));
    check(-2, NX, u -> u.cvtLD(d(-1.5), RNE));
    check(-1, NX, u -> u.cvtLD(d(-1.5), RTZ));
    check(-2, NX, u -> u.cvtLD(d(-1.5), RDN));
  }

  @Test
  void integerToFloat() {
    check(s(16777216f), NX, u -> u.cvtSW(16777217, RNE));
    check(s(16777218f), NX, u -> u.cvtSW(16777217, RUP));
    // W/WU read only the low 32 bits of the register.
    check(s(4294967296f), NX, u -> u.cvtSWU(0x12345678ffffffffL, RNE));
    check(s(-1f), 0, u -> u.cvtSW(0x12345678ffffffffL, RNE));
    check(d(0x1p64), NX, u -> u.cvtDLU(-1L, RNE));
    check(d(-0x1p63), 0, u -> u.cvtDL(Long.MIN_VALUE, RTZ));
    check(0x43efffffffffffffL, NX, u -> u.cvtDLU(-1L, RTZ));
  }

  @Test
  void minMaxZerosAndNaNs() {
    check(0x80000000L, 0, u -> u.minS(0x80000000, 0) & 0xffffffffL);
    check(0, 0, u -> u.maxS(0x80000000, 0));
    check(Long.MIN_VALUE, 0, u -> u.minD(0, Long.MIN_VALUE));
    check(ONE_S, NV, u -> u.maxS(SNAN_S, ONE_S));
    check(ONE_D, NV, u -> u.maxD(SNAN_D, ONE_D));
    check(ONE_D, 0, u -> u.minD(ONE_D, QNAN_D));
    check(SoftFpu.CANONICAL_NAN_S, 0, u -> u.minS(QNAN_S, QNAN_S));
    check(SoftFpu.CANONICAL_NAN_D, NV, u -> u.maxD(QNAN_D, SNAN_D));
  }

  @Test
  void comparisonsQuietAndSignaling() {
    SoftFpu u = new SoftFpu();
    assertFalse(u.eqS(QNAN_S, QNAN_S));
    assertEquals(0, u.flags);
    assertFalse(u.eqD(SNAN_D, ONE_D));
    assertEquals(NV, u.flags);
    u.flags = 0;
    assertFalse(u.ltD(QNAN_D, ONE_D));
    assertEquals(NV, u.flags);
    u.flags = 0;
    assertFalse(u.leS(ONE_S, QNAN_S));
    assertEquals(NV, u.flags);
    assertEquals(true, u.leD(0, Long.MIN_VALUE));
    assertEquals(true, u.eqS(0, 0x80000000));
  }

  @ParameterizedTest(name = "fclass bit {2}")
  @CsvSource({"ff800000, fff0000000000000, 0", "bf800000, bff0000000000000, 1",
      "807fffff, 800fffffffffffff, 2", "80000000, 8000000000000000, 3",
      "00000000, 0000000000000000, 4", "00000001, 0000000000000001, 5",
      "7f7fffff, 7fefffffffffffff, 6", "7f800000, 7ff0000000000000, 7",
      "7f800001, 7ff0000000000001, 8", "ffc00000, fff8000000000000, 9"})
  void fclass(String single, String dbl, int bit) {
    assertEquals(1 << bit, SoftFpu.classS(Integer.parseUnsignedInt(single, 16)));
    assertEquals(1 << bit, SoftFpu.classD(Long.parseUnsignedLong(dbl, 16)));
  }

  @Test
  void invalidOperations() {
    long inf = d(Double.POSITIVE_INFINITY);
    // RISC-V: inf * 0 + qNaN raises NV even though the addend is a quiet NaN.
    check(SoftFpu.CANONICAL_NAN_D, NV, u -> u.fmaD(inf, 0, QNAN_D, RNE));
    check(SoftFpu.CANONICAL_NAN_S, NV, u -> u.fmaS(0, 0x7f800000, QNAN_S, RNE));
    check(SoftFpu.CANONICAL_NAN_D, 0, u -> u.fmaD(ONE_D, THREE_D, QNAN_D, RNE));
    check(SoftFpu.CANONICAL_NAN_D, NV, u -> u.subD(inf, inf, RNE));
    check(SoftFpu.CANONICAL_NAN_D, NV, u -> u.sqrtD(d(-1.0), RNE));
    check(Long.MIN_VALUE, 0, u -> u.sqrtD(Long.MIN_VALUE, RNE));
    check(SoftFpu.CANONICAL_NAN_S, NV, u -> u.divS(0, 0x80000000, RNE));
    check(SoftFpu.CANONICAL_NAN_D, NV, u -> u.cvtDS(SNAN_S));
    check(SoftFpu.CANONICAL_NAN_S, 0, u -> u.cvtSD(QNAN_D, RNE));
  }

  @Test
  void divideByZero() {
    check(0x7f800000, DZ, u -> u.divS(ONE_S, 0, RNE));
    check(0xfff0000000000000L, DZ, u -> u.divD(ONE_D | Long.MIN_VALUE, 0, RTZ));
    check(0xfff0000000000000L, 0, u -> u.divD(0xfff0000000000000L, 0, RNE));
  }

  @Test
  void signedZeroSums() {
    check(Long.MIN_VALUE, 0, u -> u.subD(ONE_D, ONE_D, RDN));
    check(0, 0, u -> u.subD(ONE_D, ONE_D, RNE));
    check(0x80000000L, 0, u -> u.subS(ONE_S, ONE_S, RDN) & 0xffffffffL);
    check(0x80000000L, 0, u -> u.addS(0x80000000, 0x80000000, RUP) & 0xffffffffL);
    check(Long.MIN_VALUE, 0, u -> u.fmaD(ONE_D, ONE_D, ONE_D | Long.MIN_VALUE, RDN));
    check(0, 0, u -> u.fmaD(0, ONE_D, Long.MIN_VALUE, RNE));
  }

  @ParameterizedTest(name = "overflow rm={0}")
  @CsvSource({"0, 7ff0000000000000, fff0000000000000", "1, 7fefffffffffffff, ffefffffffffffff",
      "2, 7fefffffffffffff, fff0000000000000", "3, 7ff0000000000000, ffefffffffffffff",
      "4, 7ff0000000000000, fff0000000000000"})
  void overflowPerMode(int rm, String pos, String neg) {
    long max = 0x7fefffffffffffffL;
    check(Long.parseUnsignedLong(pos, 16), OF | NX, u -> u.mulD(max, d(2.0), rm));
    check(Long.parseUnsignedLong(neg, 16), OF | NX, u -> u.mulD(max, d(-2.0), rm));
    check(Long.parseUnsignedLong(pos, 16), OF | NX, u -> u.addD(max, max, rm));
    long posS = Long.parseUnsignedLong(pos, 16) == max ? 0x7f7fffffL : 0x7f800000L;
    check(posS, OF | NX, u -> u.cvtSD(max, rm));
  }

  @Test
  void tininessIsDetectedAfterRounding() {
    // (1 - 2^-24) * 2^-126 rounds to the smallest normal, but with an unbounded exponent it
    // would stay below it: tiny and inexact, so UF.
    check(0x00800000, UF | NX, u -> u.mulS(0x00800000, 0x3f7fffff, RNE));
    check(MIN_NORMAL_D, UF | NX, u -> u.mulD(MIN_NORMAL_D, 0x3fefffffffffffffL, RNE));
    // 2^-126 - 2^-152 rounds to 2^-126 even with an unbounded exponent: not tiny.
    long nearMin = d(Math.scalb(1.0, -126) - Math.scalb(1.0, -152));
    check(0x00800000, NX, u -> u.cvtSD(nearMin, RNE));
    check(0x007fffff, UF | NX, u -> u.cvtSD(nearMin, RTZ));
    // Exact subnormal results are tiny but exact: no UF.
    check(0x0008000000000000L, 0, u -> u.mulD(MIN_NORMAL_D, d(0.5), RNE));
    check(0, UF | NX, u -> u.mulD(1, d(0.5), RNE));
    check(1, UF | NX, u -> u.mulD(1, d(0.5), RUP));
  }

  @Test
  void regressions() {
    // Branch-free TwoSum overflowed in its intermediate here.
    check(0xffe830e42ff4f06cL, NX, u -> u.addD(0x7fcf3c6f402c3e4eL, 0xffefffffffffffffL, RDN));
  }
}
