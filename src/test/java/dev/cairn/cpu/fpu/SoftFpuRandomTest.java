package dev.cairn.cpu.fpu;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares every SoftFpu operation, in every rounding mode, against the BigInteger oracle {@link
 * ExactFp} on seeded random operands (results and fflags bit for bit). Reference: RISC-V
 * unprivileged spec, chapters "F" and "D"; IEEE 754-2019 §5.
 */
class SoftFpuRandomTest {

  /** Overridable for long soak runs: -Dsoftfpu.iterations=N -Dsoftfpu.seed=S. */
  private static final int ITERATIONS = Integer.getInteger("softfpu.iterations", 4000);

  private static final long SEED = Long.getLong("softfpu.seed", 0x5eed_0000L);

  enum Op {
    ADD(true), SUB(true), MUL(true), DIV(true), SQRT(true), FMA(true), MIN(false), MAX(false),
    EQ(false), LT(false), LE(false), TO_W(true), TO_WU(true), TO_L(true), TO_LU(true),
    FROM_W(true), FROM_WU(true), FROM_L(true), FROM_LU(true), CONVERT(true);

    final boolean rounds;

    Op(boolean rounds) {
      this.rounds = rounds;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> list = new ArrayList<>();
    for (String fmt : new String[] {"S", "D"}) {
      for (Op op : Op.values()) {
        for (int rm = 0; rm < (op.rounds ? 5 : 1); rm++) {
          list.add(Arguments.of(fmt, op, rm));
        }
      }
    }
    return list.stream();
  }

  @ParameterizedTest(name = "{0} {1} rm={2}")
  @MethodSource("cases")
  void matchesExactOracle(String fmtName, Op op, int rm) {
    boolean dbl = fmtName.equals("D");
    ExactFp.Fmt f = dbl ? ExactFp.D : ExactFp.S;
    OperandGen gen = new OperandGen(SEED + op.ordinal() * 31L + rm + (dbl ? 1000 : 0), f);
    SoftFpu scratch = new SoftFpu();
    int failures = 0;
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < ITERATIONS; i++) {
      long a = isFrom(op) ? gen.nextInt() : gen.next();
      long b = i % 3 == 0 && (op == Op.MUL || op == Op.DIV || op == Op.FMA)
          ? gen.boundaryPartner(a, op == Op.DIV, scratch)
          : op == Op.FMA || op == Op.MUL ? gen.next() : gen.related(a);
      long c = op == Op.FMA ? gen.addendFor(a, b, scratch) : 0;
      SoftFpu fpu = new SoftFpu();
      ExactFp ex = new ExactFp();
      long got = dbl ? runD(fpu, op, a, b, c, rm)
          : isFrom(op) ? runSFrom(fpu, op, a, rm)
          : runS(fpu, op, (int) a, (int) b, (int) c, rm);
      long want = oracle(ex, op, a, b, c, rm, f);
      if (got != want || fpu.flags != ex.flags) {
        if (failures++ < 20) {
          report.append(String.format(
              "%s%s rm=%d a=%x b=%x c=%x: got %x flags %s, want %x flags %s%n", op, fmtName, rm,
              a, b, c, got, flagStr(fpu.flags), want, flagStr(ex.flags)));
        }
      }
    }
    if (failures > 0) {
      fail(failures + " mismatches of " + ITERATIONS + ":\n" + report);
    }
  }

  private static boolean isFrom(Op op) {
    return op == Op.FROM_W || op == Op.FROM_WU || op == Op.FROM_L || op == Op.FROM_LU;
  }

  static String flagStr(int fl) {
    StringBuilder s = new StringBuilder();
    String[] names = {"NX", "UF", "OF", "DZ", "NV"};
    for (int i = 4; i >= 0; i--) {
      if ((fl & (1 << i)) != 0) {
        s.append(names[i]).append(' ');
      }
    }
    return "[" + s.toString().trim() + "]";
  }

  private static long runS(SoftFpu u, Op op, int a, int b, int c, int rm) {
    switch (op) {
      case ADD: return u.addS(a, b, rm) & 0xffffffffL;
      case SUB: return u.subS(a, b, rm) & 0xffffffffL;
      case MUL: return u.mulS(a, b, rm) & 0xffffffffL;
      case DIV: return u.divS(a, b, rm) & 0xffffffffL;
      case SQRT: return u.sqrtS(a, rm) & 0xffffffffL;
      case FMA: return u.fmaS(a, b, c, rm) & 0xffffffffL;
      case MIN: return u.minS(a, b) & 0xffffffffL;
      case MAX: return u.maxS(a, b) & 0xffffffffL;
      case EQ: return u.eqS(a, b) ? 1 : 0;
      case LT: return u.ltS(a, b) ? 1 : 0;
      case LE: return u.leS(a, b) ? 1 : 0;
      case TO_W: return u.cvtWS(a, rm);
      case TO_WU: return u.cvtWUS(a, rm);
      case TO_L: return u.cvtLS(a, rm);
      case TO_LU: return u.cvtLUS(a, rm);
      default: return u.cvtDS(a);
    }
  }

  private static long runSFrom(SoftFpu u, Op op, long x, int rm) {
    switch (op) {
      case FROM_W: return u.cvtSW(x, rm) & 0xffffffffL;
      case FROM_WU: return u.cvtSWU(x, rm) & 0xffffffffL;
      case FROM_L: return u.cvtSL(x, rm) & 0xffffffffL;
      default: return u.cvtSLU(x, rm) & 0xffffffffL;
    }
  }

  private static long runD(SoftFpu u, Op op, long a, long b, long c, int rm) {
    switch (op) {
      case ADD: return u.addD(a, b, rm);
      case SUB: return u.subD(a, b, rm);
      case MUL: return u.mulD(a, b, rm);
      case DIV: return u.divD(a, b, rm);
      case SQRT: return u.sqrtD(a, rm);
      case FMA: return u.fmaD(a, b, c, rm);
      case MIN: return u.minD(a, b);
      case MAX: return u.maxD(a, b);
      case EQ: return u.eqD(a, b) ? 1 : 0;
      case LT: return u.ltD(a, b) ? 1 : 0;
      case LE: return u.leD(a, b) ? 1 : 0;
      case TO_W: return u.cvtWD(a, rm);
      case TO_WU: return u.cvtWUD(a, rm);
      case TO_L: return u.cvtLD(a, rm);
      case TO_LU: return u.cvtLUD(a, rm);
      case FROM_W: return u.cvtDW(a, rm);
      case FROM_WU: return u.cvtDWU(a, rm);
      case FROM_L: return u.cvtDL(a, rm);
      case FROM_LU: return u.cvtDLU(a, rm);
      default: return u.cvtSD(a, rm) & 0xffffffffL;
    }
  }

  /** The oracle's answer; CONVERT means fcvt.d.s for S operands and fcvt.s.d for D operands. */
  private static long oracle(ExactFp e, Op op, long a, long b, long c, int rm, ExactFp.Fmt f) {
    switch (op) {
      case ADD: return e.add(a, b, rm, f);
      case SUB: return e.sub(a, b, rm, f);
      case MUL: return e.mul(a, b, rm, f);
      case DIV: return e.div(a, b, rm, f);
      case SQRT: return e.sqrt(a, rm, f);
      case FMA: return e.fma(a, b, c, rm, f);
      case MIN: return e.minMax(a, b, true, f);
      case MAX: return e.minMax(a, b, false, f);
      case EQ: return e.cmp(a, b, 0, f) ? 1 : 0;
      case LT: return e.cmp(a, b, 1, f) ? 1 : 0;
      case LE: return e.cmp(a, b, 2, f) ? 1 : 0;
      case TO_W: return e.toInt(a, rm, 0, f);
      case TO_WU: return e.toInt(a, rm, 1, f);
      case TO_L: return e.toInt(a, rm, 2, f);
      case TO_LU: return e.toInt(a, rm, 3, f);
      case FROM_W: return e.fromInt((int) a, false, rm, f);
      case FROM_WU: return e.fromInt(a & 0xffffffffL, false, rm, f);
      case FROM_L: return e.fromInt(a, false, rm, f);
      case FROM_LU: return e.fromInt(a, true, rm, f);
      default:
        return f == ExactFp.S
            ? e.convert(a & 0xffffffffL, rm, ExactFp.S, ExactFp.D)
            : e.convert(a, rm, ExactFp.D, ExactFp.S);
    }
  }
}
