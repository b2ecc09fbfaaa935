/* F extension: single-precision arithmetic, fma, sign injection, min/max, compares, fclass,
   conversions with saturation, moves, NaN-boxing, flw/fsw, fcsr. */
#include "common.h"
#include "fp.h"

#define S_QNAN   0x7fc00000
#define S_SNAN   0x7f800001
#define S_INF    0x7f800000
#define S_NINF   0xff800000
#define S_ONE    0x3f800000
#define S_NONE   0xbf800000
#define S_TWO    0x40000000
#define S_NTWO   0xc0000000
#define S_THREE  0x40400000
#define S_NZERO  0x80000000

test_main:
  TEST_S2 1, fadd.s, S_THREE, 0, S_ONE, S_TWO
  TEST_S2 2, fsub.s, S_NONE, 0, S_ONE, S_TWO
  TEST_S2 3, fmul.s, 0x40c00000, 0, S_TWO, S_THREE
  TEST_S2 4, fdiv.s, 0x3eaaaaab, FFLAG_NX, S_ONE, S_THREE
  TEST_S1 5, fsqrt.s, S_TWO, 0, 0x40800000
  TEST_S1 6, fsqrt.s, 0x3fb504f3, FFLAG_NX, S_TWO
  TEST_S1 7, fsqrt.s, S_QNAN, FFLAG_NV, S_NONE
  TEST_S2 8, fdiv.s, S_INF, FFLAG_DZ, S_ONE, 0
  TEST_S2 9, fdiv.s, S_QNAN, FFLAG_NV, 0, 0
  TEST_S2 10, fadd.s, S_QNAN, FFLAG_NV, S_INF, S_NINF
  TEST_S2 11, fadd.s, S_QNAN, 0, 0x7fc12345, S_ONE        /* no NaN payload propagation */
  TEST_S2 12, fadd.s, S_QNAN, FFLAG_NV, S_SNAN, S_ONE
  TEST_S2 13, fmul.s, S_INF, FFLAG_OF | FFLAG_NX, 0x7f7fffff, S_TWO
  TEST_S2 14, fmul.s, 0x00400000, 0, 0x00800000, 0x3f000000   /* exact subnormal: no UF */
  TEST_S2 15, fmul.s, 0x00400000, FFLAG_UF | FFLAG_NX, 0x00800001, 0x3f000000
  TEST_S1 16, fsqrt.s, S_NZERO, 0, S_NZERO

  TEST_S3 20, fmadd.s, 0x40e00000, 0, S_TWO, S_THREE, S_ONE
  TEST_S3 21, fmsub.s, 0x40a00000, 0, S_TWO, S_THREE, S_ONE
  TEST_S3 22, fnmsub.s, 0xc0a00000, 0, S_TWO, S_THREE, S_ONE
  TEST_S3 23, fnmadd.s, 0xc0e00000, 0, S_TWO, S_THREE, S_ONE
  TEST_S3 24, fmadd.s, S_QNAN, FFLAG_NV, S_INF, 0, S_QNAN   /* inf * 0 + qNaN is invalid */
  TEST_S3 25, fmadd.s, 0x33800000, 0, 0x3f800800, 0x3f800800, 0xbf801000  /* one rounding */

  TEST_S2 30, fsgnj.s, S_NONE, 0, S_ONE, S_NTWO
  TEST_S2 31, fsgnjn.s, S_ONE, 0, S_ONE, S_NTWO
  TEST_S2 32, fsgnjx.s, S_ONE, 0, S_NONE, S_NTWO
  TEST_S2 33, fsgnjx.s, S_NONE, 0, S_NONE, S_TWO
  TEST_S2 34, fsgnjn.s, 0xffc12345, 0, 0x7fc12345, 0x7fc12345  /* payload kept, no flags */
  TEST_S2 35, fsgnj.s, 0x7f800001, 0, S_SNAN, S_ONE             /* sNaN moved quietly */

  TEST_S2 40, fmin.s, S_NZERO, 0, S_NZERO, 0
  TEST_S2 41, fmin.s, S_NZERO, 0, 0, S_NZERO
  TEST_S2 42, fmax.s, 0, 0, S_NZERO, 0
  TEST_S2 43, fmax.s, 0, 0, 0, S_NZERO
  TEST_S2 44, fmin.s, S_ONE, 0, S_QNAN, S_ONE
  TEST_S2 45, fmax.s, S_ONE, 0, S_ONE, S_QNAN
  TEST_S2 46, fmin.s, S_QNAN, 0, 0x7fc12345, 0x7fc12345
  TEST_S2 47, fmin.s, S_ONE, FFLAG_NV, S_SNAN, S_ONE
  TEST_S2 48, fmax.s, S_TWO, 0, S_NONE, S_TWO
  TEST_S2 49, fmin.s, S_NONE, 0, S_NONE, S_TWO

  TEST_S_CMP 50, feq.s, 1, 0, S_ONE, S_ONE
  TEST_S_CMP 51, feq.s, 0, 0, S_ONE, S_TWO
  TEST_S_CMP 52, feq.s, 0, 0, S_QNAN, S_ONE
  TEST_S_CMP 53, feq.s, 0, FFLAG_NV, S_SNAN, S_ONE
  TEST_S_CMP 54, flt.s, 1, 0, S_ONE, S_TWO
  TEST_S_CMP 55, flt.s, 0, FFLAG_NV, S_QNAN, S_ONE
  TEST_S_CMP 56, fle.s, 1, 0, S_TWO, S_TWO
  TEST_S_CMP 57, fle.s, 0, FFLAG_NV, S_QNAN, S_ONE
  TEST_S_CMP 58, feq.s, 1, 0, S_NZERO, 0
  TEST_S_CMP 59, flt.s, 0, 0, S_NZERO, 0
  TEST_S_CMP 60, flt.s, 1, 0, S_NINF, S_NONE

  TEST_S_TOINT 61, fclass.s, 0x001, 0, S_NINF
  TEST_S_TOINT 62, fclass.s, 0x002, 0, S_NONE
  TEST_S_TOINT 63, fclass.s, 0x004, 0, 0x80000001
  TEST_S_TOINT 64, fclass.s, 0x008, 0, S_NZERO
  TEST_S_TOINT 65, fclass.s, 0x010, 0, 0
  TEST_S_TOINT 66, fclass.s, 0x020, 0, 0x00000001
  TEST_S_TOINT 67, fclass.s, 0x040, 0, S_ONE
  TEST_S_TOINT 68, fclass.s, 0x080, 0, S_INF
  TEST_S_TOINT 69, fclass.s, 0x100, 0, S_SNAN
  TEST_S_TOINT 70, fclass.s, 0x200, 0, S_QNAN

  /* To integer, with saturation; 32-bit results are sign-extended, even for fcvt.wu.s. */
  TEST_S_TOINT 71, fcvt.w.s, 1, FFLAG_NX, 0x3fc00000, rtz
  TEST_S_TOINT 72, fcvt.w.s, -1, FFLAG_NX, 0xbfc00000, rtz
  TEST_S_TOINT 73, fcvt.w.s, 0x7fffffff, FFLAG_NV, 0x4f32d05e        /* 3e9 */
  TEST_S_TOINT 74, fcvt.w.s, 0xffffffff80000000, FFLAG_NV, 0xcf32d05e
  TEST_S_TOINT 75, fcvt.w.s, 0x7fffffff, FFLAG_NV, S_QNAN
  TEST_S_TOINT 76, fcvt.w.s, 0x7fffffff, FFLAG_NV, S_INF
  TEST_S_TOINT 77, fcvt.w.s, 0xffffffff80000000, FFLAG_NV, S_NINF
  TEST_S_TOINT 78, fcvt.w.s, 0xffffffff80000000, 0, 0xcf000000       /* -2^31 exactly */
  TEST_S_TOINT 79, fcvt.wu.s, 0xffffffffb2d05e00, 0, 0x4f32d05e      /* 3e9, sign-extended */
  TEST_S_TOINT 80, fcvt.wu.s, 0, FFLAG_NV, S_NONE
  TEST_S_TOINT 81, fcvt.wu.s, 0xffffffffffffffff, FFLAG_NV, 0x50000000  /* 2^33 */
  TEST_S_TOINT 82, fcvt.wu.s, 0xffffffffffffffff, FFLAG_NV, S_QNAN
  TEST_S_TOINT 83, fcvt.wu.s, 0, FFLAG_NX, 0xbf000000, rtz           /* -0.5 rounds to 0 */
  TEST_S_TOINT 84, fcvt.l.s, 3000000000, 0, 0x4f32d05e
  TEST_S_TOINT 85, fcvt.l.s, 0x7fffffffffffffff, FFLAG_NV, 0x5f000000  /* 2^63 */
  TEST_S_TOINT 86, fcvt.l.s, 0x8000000000000000, 0, 0xdf000000
  TEST_S_TOINT 87, fcvt.l.s, 0x7fffffffffffffff, FFLAG_NV, S_QNAN
  TEST_S_TOINT 88, fcvt.l.s, 0x8000000000000000, FFLAG_NV, S_NINF
  TEST_S_TOINT 89, fcvt.lu.s, 0, FFLAG_NV, S_NONE
  TEST_S_TOINT 90, fcvt.lu.s, 0xffffffffffffffff, FFLAG_NV, 0x5f800000  /* 2^64 */
  TEST_S_TOINT 91, fcvt.lu.s, 0x8000000000000000, 0, 0x5f000000
  TEST_S_TOINT 92, fcvt.lu.s, 0xffffffffffffffff, FFLAG_NV, S_QNAN

  /* From integer */
  TEST_FROMINT 100, fcvt.s.w, 0xffffffffbf800000, 0, -1
  TEST_FROMINT 101, fcvt.s.w, 0xffffffff3f800000, 0, 0x100000001     /* low word only */
  TEST_FROMINT 102, fcvt.s.wu, 0xffffffff4f800000, FFLAG_NX, 0xffffffff
  TEST_FROMINT 103, fcvt.s.wu, 0xffffffff4f800000, FFLAG_NX, -1
  TEST_FROMINT 104, fcvt.s.l, 0xffffffff5f000000, FFLAG_NX, 0x7fffffffffffffff
  TEST_FROMINT 105, fcvt.s.lu, 0xffffffff5f800000, FFLAG_NX, -1
  TEST_FROMINT 106, fcvt.s.l, 0xffffffffdf000000, 0, 0x8000000000000000
  TEST_FROMINT 107, fcvt.s.w, 0xffffffff4b800000, FFLAG_NX, 16777217  /* tie to even */
  TEST_FROMINT 108, fcvt.s.l, 0xffffffff00000000, 0, 0
  TEST_FROMINT 109, fmv.w.x, 0xffffffff12345678, 0, 0xabcdef0012345678  /* boxed, no flags */

  /* fmv.x.w sign-extends; it moves the low bits even from a register that is not NaN-boxed,
     but arithmetic reads such a register as the canonical NaN. */
  li t0, S_NONE
  fmv.w.x f1, t0
  fmv.x.w a3, f1
  CHECK_EQ a3, 0xffffffffbf800000, 110
  li t0, 0x123456783f800000
  fmv.d.x f1, t0
  fmv.x.w a3, f1
  CHECK_EQ a3, 0x3f800000, 111
  csrw fflags, zero
  fsgnj.s f4, f1, f1
  FP_RESULT 112, 0xffffffff7fc00000, 0
  li t0, S_ONE
  fmv.w.x f2, t0
  fadd.s f4, f1, f2
  FP_RESULT 113, 0xffffffff7fc00000, 0
  fclass.s a3, f1
  CHECK_EQ a3, 0x200, 114
  fmv.d.x f2, zero                              /* +0.0 double: not boxed either */
  fclass.s a3, f2
  CHECK_EQ a3, 0x200, 115

  /* flw boxes, fsw stores the low word unchanged (even from an unboxed register) */
  la s0, fdata
  flw f5, 0(s0)
  fmv.x.d a3, f5
  CHECK_EQ a3, 0xffffffff40490fdb, 120
  fsw f5, 8(s0)
  ld a3, 8(s0)
  CHECK_EQ a3, 0x5555555540490fdb, 121
  fsw f1, 12(s0)
  ld a3, 8(s0)
  CHECK_EQ a3, 0x3f80000040490fdb, 122
  flw f6, 4(s0)
  fmv.x.w a3, f6
  CHECK_EQ a3, 0xffffffffc0000000, 123

  /* fcsr = frm << 5 | fflags */
  li t0, 0xff
  csrw fcsr, t0
  csrr a3, fflags
  CHECK_EQ a3, 0x1f, 130
  csrr a3, frm
  CHECK_EQ a3, 7, 131
  li t0, 0x1ff
  csrw fcsr, t0
  csrr a3, fcsr
  CHECK_EQ a3, 0xff, 132
  csrwi frm, 3
  csrwi fflags, 0
  csrr a3, fcsr
  CHECK_EQ a3, 0x60, 133
  csrrwi a3, frm, 0
  CHECK_EQ a3, 3, 134
  csrw fcsr, zero
  li t0, S_ONE                                  /* flags accrue */
  fmv.w.x f1, t0
  li t0, S_THREE
  fmv.w.x f2, t0
  fmv.w.x f3, zero
  fdiv.s f4, f1, f2
  fdiv.s f4, f1, f3
  fmv.w.x f4, zero                              /* moves do not touch the flags */
  csrr a3, fflags
  CHECK_EQ a3, FFLAG_NX | FFLAG_DZ, 135
  csrr a3, fcsr
  CHECK_EQ a3, FFLAG_NX | FFLAG_DZ, 136
  j pass

  .data
  .align 3
fdata:
  .word 0x40490fdb, 0xc0000000
  .word 0x55555555, 0x55555555
