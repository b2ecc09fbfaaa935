/*
 * Golden-vector generator for SoftFpuGoldenTest: runs F/D instructions on a riscv64 target (real
 * hardware or qemu-riscv64) with seeded pseudo-random operands and prints, per line,
 *   op rm a b c result fflags        (hex, rm in 0..4)
 * Build and run (Debian):
 *   riscv64-linux-gnu-gcc -O1 -static -o gen riscv_golden_gen.c
 *   qemu-riscv64 ./gen > riscv_golden.txt
 */
#include <stdint.h>
#include <stdio.h>

static uint64_t st = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void) {
  st ^= st << 13;
  st ^= st >> 7;
  st ^= st << 17;
  return st;
}

static const uint64_t SPECIAL_D[] = {
    0, 0x8000000000000000ULL, 0x7ff0000000000000ULL, 0xfff0000000000000ULL,
    0x7ff8000000000000ULL, 0x7ff0000000000001ULL, 0x7ff8000000000123ULL, 1,
    0x000fffffffffffffULL, 0x0010000000000000ULL, 0x7fefffffffffffffULL,
    0x3ff0000000000000ULL, 0xbff0000000000000ULL, 0x41e0000000000000ULL,
    0xc1e0000000000000ULL, 0x43e0000000000000ULL, 0x43f0000000000000ULL,
    0x3fe0000000000000ULL, 0x4004000000000000ULL, 0x41efffffffe00000ULL};
static const uint64_t SPECIAL_S[] = {
    0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0x7fc00123, 1,
    0x007fffff, 0x00800000, 0x7f7fffff, 0x3f800000, 0xbf800000, 0x4f000000,
    0xcf000000, 0x5f000000, 0x5f800000, 0x3f000000, 0x40200000, 0x4f7fffff};

/* frac: 52 or 23. */
static uint64_t gen(int frac) {
  int bias = frac == 52 ? 1023 : 127;
  uint64_t fmask = (1ULL << frac) - 1;
  uint64_t sign = (rnd() & 1) ? 1ULL << (frac == 52 ? 63 : 31) : 0;
  uint64_t f = rnd() & fmask;
  uint64_t e;
  switch (rnd() % 8) {
    case 0:
      return frac == 52 ? rnd() : rnd() & 0xffffffffULL;
    case 1:
      return frac == 52 ? SPECIAL_D[rnd() % 20] : SPECIAL_S[rnd() % 20];
    case 2:
      e = 0;
      break;
    case 3:
      e = 1 + rnd() % 3;
      break;
    case 4:
      e = 2 * bias - rnd() % 3;
      break;
    case 5:
      e = bias - 30 + rnd() % 60;
      f &= ~((1ULL << (frac - 1 - rnd() % 5)) - 1);
      break;
    default:
      e = bias - 40 + rnd() % 80;
      break;
  }
  return sign | (e << frac) | f;
}

static uint64_t gen_int(void) {
  switch (rnd() % 4) {
    case 0: return rnd();
    case 1: return (uint64_t)((int64_t)rnd() >> (rnd() % 64));
    case 2: return (1ULL << (rnd() % 64)) + (rnd() % 7) - 3;
    default: return (uint64_t)(int64_t)(int32_t)rnd();
  }
}

#define BIN(name, insn, mv, mvx)                                                          \
  static uint64_t name(uint64_t a, uint64_t b, uint64_t c) {                              \
    uint64_t r;                                                                           \
    (void)c;                                                                              \
    __asm__ volatile(mv " ft0, %1\n" mv " ft1, %2\n" insn " ft2, ft0, ft1\n" mvx " %0, ft2" \
                     : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft2");                  \
    return r;                                                                             \
  }
#define UN(name, insn, mv, mvx)                                                           \
  static uint64_t name(uint64_t a, uint64_t b, uint64_t c) {                              \
    uint64_t r;                                                                           \
    (void)b;                                                                              \
    (void)c;                                                                              \
    __asm__ volatile(mv " ft0, %1\n" insn " ft2, ft0\n" mvx " %0, ft2"                    \
                     : "=r"(r) : "r"(a) : "ft0", "ft2");                                  \
    return r;                                                                             \
  }
#define TERN(name, insn, mv, mvx)                                                         \
  static uint64_t name(uint64_t a, uint64_t b, uint64_t c) {                              \
    uint64_t r;                                                                           \
    __asm__ volatile(mv " ft0, %1\n" mv " ft1, %2\n" mv " ft2, %3\n" insn                 \
                        " ft3, ft0, ft1, ft2\n" mvx " %0, ft3"                            \
                     : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3");    \
    return r;                                                                             \
  }
#define CMP(name, insn, mv)                                                               \
  static uint64_t name(uint64_t a, uint64_t b, uint64_t c) {                              \
    uint64_t r;                                                                           \
    (void)c;                                                                              \
    __asm__ volatile(mv " ft0, %1\n" mv " ft1, %2\n" insn " %0, ft0, ft1"                 \
                     : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1");                          \
    return r;                                                                             \
  }
#define TOINT(name, insn, mv)                                                             \
  static uint64_t name(uint64_t a, uint64_t b, uint64_t c) {                              \
    uint64_t r;                                                                           \
    (void)b;                                                                              \
    (void)c;                                                                              \
    __asm__ volatile(mv " ft0, %1\n" insn " %0, ft0" : "=r"(r) : "r"(a) : "ft0");         \
    return r;                                                                             \
  }
#define FROMINT(name, insn, mvx)                                                          \
  static uint64_t name(uint64_t a, uint64_t b, uint64_t c) {                              \
    uint64_t r;                                                                           \
    (void)b;                                                                              \
    (void)c;                                                                              \
    __asm__ volatile(insn " ft0, %1\n" mvx " %0, ft0" : "=r"(r) : "r"(a) : "ft0");        \
    return r;                                                                             \
  }

BIN(add_d, "fadd.d", "fmv.d.x", "fmv.x.d")
BIN(sub_d, "fsub.d", "fmv.d.x", "fmv.x.d")
BIN(mul_d, "fmul.d", "fmv.d.x", "fmv.x.d")
BIN(div_d, "fdiv.d", "fmv.d.x", "fmv.x.d")
UN(sqrt_d, "fsqrt.d", "fmv.d.x", "fmv.x.d")
TERN(fmadd_d, "fmadd.d", "fmv.d.x", "fmv.x.d")
BIN(min_d, "fmin.d", "fmv.d.x", "fmv.x.d")
BIN(max_d, "fmax.d", "fmv.d.x", "fmv.x.d")
CMP(eq_d, "feq.d", "fmv.d.x")
CMP(lt_d, "flt.d", "fmv.d.x")
CMP(le_d, "fle.d", "fmv.d.x")
TOINT(cvt_w_d, "fcvt.w.d", "fmv.d.x")
TOINT(cvt_wu_d, "fcvt.wu.d", "fmv.d.x")
TOINT(cvt_l_d, "fcvt.l.d", "fmv.d.x")
TOINT(cvt_lu_d, "fcvt.lu.d", "fmv.d.x")
FROMINT(cvt_d_w, "fcvt.d.w", "fmv.x.d")
FROMINT(cvt_d_wu, "fcvt.d.wu", "fmv.x.d")
FROMINT(cvt_d_l, "fcvt.d.l", "fmv.x.d")
FROMINT(cvt_d_lu, "fcvt.d.lu", "fmv.x.d")
UN(cvt_s_d, "fcvt.s.d", "fmv.d.x", "fmv.x.w")
BIN(add_s, "fadd.s", "fmv.w.x", "fmv.x.w")
BIN(sub_s, "fsub.s", "fmv.w.x", "fmv.x.w")
BIN(mul_s, "fmul.s", "fmv.w.x", "fmv.x.w")
BIN(div_s, "fdiv.s", "fmv.w.x", "fmv.x.w")
UN(sqrt_s, "fsqrt.s", "fmv.w.x", "fmv.x.w")
TERN(fmadd_s, "fmadd.s", "fmv.w.x", "fmv.x.w")
BIN(min_s, "fmin.s", "fmv.w.x", "fmv.x.w")
BIN(max_s, "fmax.s", "fmv.w.x", "fmv.x.w")
CMP(eq_s, "feq.s", "fmv.w.x")
CMP(lt_s, "flt.s", "fmv.w.x")
CMP(le_s, "fle.s", "fmv.w.x")
TOINT(cvt_w_s, "fcvt.w.s", "fmv.w.x")
TOINT(cvt_wu_s, "fcvt.wu.s", "fmv.w.x")
TOINT(cvt_l_s, "fcvt.l.s", "fmv.w.x")
TOINT(cvt_lu_s, "fcvt.lu.s", "fmv.w.x")
FROMINT(cvt_s_w, "fcvt.s.w", "fmv.x.w")
FROMINT(cvt_s_wu, "fcvt.s.wu", "fmv.x.w")
FROMINT(cvt_s_l, "fcvt.s.l", "fmv.x.w")
FROMINT(cvt_s_lu, "fcvt.s.lu", "fmv.x.w")
UN(cvt_d_s, "fcvt.d.s", "fmv.w.x", "fmv.x.d")

struct op {
  const char *name;
  uint64_t (*fn)(uint64_t, uint64_t, uint64_t);
  int frac;     /* operand format: 52, 23, or 0 for integer operands */
  int rounds;   /* 0: rm does not matter, run once */
  int single_result;
};

static const struct op OPS[] = {
    {"add.d", add_d, 52, 1, 0}, {"sub.d", sub_d, 52, 1, 0}, {"mul.d", mul_d, 52, 1, 0},
    {"div.d", div_d, 52, 1, 0}, {"sqrt.d", sqrt_d, 52, 1, 0}, {"fmadd.d", fmadd_d, 52, 1, 0},
    {"min.d", min_d, 52, 0, 0}, {"max.d", max_d, 52, 0, 0}, {"eq.d", eq_d, 52, 0, 0},
    {"lt.d", lt_d, 52, 0, 0}, {"le.d", le_d, 52, 0, 0}, {"cvt.w.d", cvt_w_d, 52, 1, 0},
    {"cvt.wu.d", cvt_wu_d, 52, 1, 0}, {"cvt.l.d", cvt_l_d, 52, 1, 0},
    {"cvt.lu.d", cvt_lu_d, 52, 1, 0}, {"cvt.d.w", cvt_d_w, 0, 1, 0},
    {"cvt.d.wu", cvt_d_wu, 0, 1, 0}, {"cvt.d.l", cvt_d_l, 0, 1, 0},
    {"cvt.d.lu", cvt_d_lu, 0, 1, 0}, {"cvt.s.d", cvt_s_d, 52, 1, 1},
    {"add.s", add_s, 23, 1, 1}, {"sub.s", sub_s, 23, 1, 1}, {"mul.s", mul_s, 23, 1, 1},
    {"div.s", div_s, 23, 1, 1}, {"sqrt.s", sqrt_s, 23, 1, 1}, {"fmadd.s", fmadd_s, 23, 1, 1},
    {"min.s", min_s, 23, 0, 1}, {"max.s", max_s, 23, 0, 1}, {"eq.s", eq_s, 23, 0, 0},
    {"lt.s", lt_s, 23, 0, 0}, {"le.s", le_s, 23, 0, 0}, {"cvt.w.s", cvt_w_s, 23, 1, 0},
    {"cvt.wu.s", cvt_wu_s, 23, 1, 0}, {"cvt.l.s", cvt_l_s, 23, 1, 0},
    {"cvt.lu.s", cvt_lu_s, 23, 1, 0}, {"cvt.s.w", cvt_s_w, 0, 1, 1},
    {"cvt.s.wu", cvt_s_wu, 0, 1, 1}, {"cvt.s.l", cvt_s_l, 0, 1, 1},
    {"cvt.s.lu", cvt_s_lu, 0, 1, 1}, {"cvt.d.s", cvt_d_s, 23, 0, 0},
};

#ifndef PER_MODE
#define PER_MODE 60
#endif

int main(void) {
  for (unsigned i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
    const struct op *o = &OPS[i];
    for (int rm = 0; rm < (o->rounds ? 5 : 1); rm++) {
      for (int k = 0; k < PER_MODE * (o->rounds ? 1 : 5); k++) {
        uint64_t a = o->frac ? gen(o->frac) : gen_int();
        uint64_t b = o->frac ? gen(o->frac) : 0;
        uint64_t c = o->frac ? gen(o->frac) : 0;
        uint64_t sign = 1ULL << (o->frac == 52 ? 63 : 31);
        if (o->frac && (rnd() & 3) == 0) {
          b = (a ^ sign) + (rnd() % 5) - 2; /* cancellation */
        }
        if (o->frac == 23) {
          b &= 0xffffffffULL;
        }
        uint64_t r, fl;
        __asm__ volatile("fsrm %0\n csrw fflags, zero" : : "r"((uint64_t)rm));
        r = o->fn(a, b, c);
        __asm__ volatile("frflags %0" : "=r"(fl));
        if (o->single_result) {
          r &= 0xffffffffULL;
        }
        printf("%s %d %llx %llx %llx %llx %llx\n", o->name, rm, (unsigned long long)a,
               (unsigned long long)b, (unsigned long long)c, (unsigned long long)r,
               (unsigned long long)fl);
      }
    }
  }
  return 0;
}
