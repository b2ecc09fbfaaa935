package dev.cairn.cpu.fpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Replays vectors recorded by running real F/D instructions under qemu-riscv64 (generator:
 * src/test/resources/dev/cairn/cpu/fpu/riscv_golden_gen.c), a second oracle independent of
 * {@link ExactFp}. Reference: RISC-V unprivileged spec, chapters "F" and "D".
 */
class SoftFpuGoldenTest {

  @Test
  void matchesQemuRiscv64() throws IOException {
    int lines = 0;
    int failures = 0;
    StringBuilder report = new StringBuilder();
    try (InputStream in = getClass().getResourceAsStream("riscv_golden.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] p = line.trim().split(" ");
        int rm = Integer.parseInt(p[1]);
        long a = Long.parseUnsignedLong(p[2], 16);
        long b = Long.parseUnsignedLong(p[3], 16);
        long c = Long.parseUnsignedLong(p[4], 16);
        long want = Long.parseUnsignedLong(p[5], 16);
        int wantFlags = Integer.parseInt(p[6], 16);
        SoftFpu u = new SoftFpu();
        long got = run(u, p[0], rm, a, b, c);
        lines++;
        if (got != want || u.flags != wantFlags) {
          if (failures++ < 30) {
            report.append(String.format("%s: got %x %s%n", line, got,
                SoftFpuRandomTest.flagStr(u.flags)));
          }
        }
      }
    }
    assertTrue(lines > 10000, "vector file truncated");
    if (failures > 0) {
      fail(failures + " of " + lines + " vectors differ:\n" + report);
    }
  }

  private static long run(SoftFpu u, String op, int rm, long a, long b, long c) {
    int sa = (int) a;
    int sb = (int) b;
    int sc = (int) c;
    switch (op) {
      case "add.d": return u.addD(a, b, rm);
      case "sub.d": return u.subD(a, b, rm);
      case "mul.d": return u.mulD(a, b, rm);
      case "div.d": return u.divD(a, b, rm);
      case "sqrt.d": return u.sqrtD(a, rm);
      case "fmadd.d": return u.fmaD(a, b, c, rm);
      case "min.d": return u.minD(a, b);
      case "max.d": return u.maxD(a, b);
      case "eq.d": return u.eqD(a, b) ? 1 : 0;
      case "lt.d": return u.ltD(a, b) ? 1 : 0;
      case "le.d": return u.leD(a, b) ? 1 : 0;
      case "cvt.w.d": return u.cvtWD(a, rm);
      case "cvt.wu.d": return u.cvtWUD(a, rm);
      case "cvt.l.d": return u.cvtLD(a, rm);
      case "cvt.lu.d": return u.cvtLUD(a, rm);
      case "cvt.d.w": return u.cvtDW(a, rm);
      case "cvt.d.wu": return u.cvtDWU(a, rm);
      case "cvt.d.l": return u.cvtDL(a, rm);
      case "cvt.d.lu": return u.cvtDLU(a, rm);
      case "cvt.s.d": return u.cvtSD(a, rm) & 0xffffffffL;
      case "add.s": return u.addS(sa, sb, rm) & 0xffffffffL;
      case "sub.s": return u.subS(sa, sb, rm) & 0xffffffffL;
      case "mul.s": return u.mulS(sa, sb, rm) & 0xffffffffL;
      case "div.s": return u.divS(sa, sb, rm) & 0xffffffffL;
      case "sqrt.s": return u.sqrtS(sa, rm) & 0xffffffffL;
      case "fmadd.s": return u.fmaS(sa, sb, sc, rm) & 0xffffffffL;
      case "min.s": return u.minS(sa, sb) & 0xffffffffL;
      case "max.s": return u.maxS(sa, sb) & 0xffffffffL;
      case "eq.s": return u.eqS(sa, sb) ? 1 : 0;
      case "lt.s": return u.ltS(sa, sb) ? 1 : 0;
      case "le.s": return u.leS(sa, sb) ? 1 : 0;
      case "cvt.w.s": return u.cvtWS(sa, rm);
      case "cvt.wu.s": return u.cvtWUS(sa, rm);
      case "cvt.l.s": return u.cvtLS(sa, rm);
      case "cvt.lu.s": return u.cvtLUS(sa, rm);
      case "cvt.s.w": return u.cvtSW(a, rm) & 0xffffffffL;
      case "cvt.s.wu": return u.cvtSWU(a, rm) & 0xffffffffL;
      case "cvt.s.l": return u.cvtSL(a, rm) & 0xffffffffL;
      case "cvt.s.lu": return u.cvtSLU(a, rm) & 0xffffffffL;
      case "cvt.d.s": return u.cvtDS(sa);
      default: throw new IllegalArgumentException(op);
    }
  }
}
