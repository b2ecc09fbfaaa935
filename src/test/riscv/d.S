/* D extension: double-precision arithmetic, fma, sign injection, min/max, compares, fclass,
   conversions (int and single) with saturation, fmv.x.d/fmv.d.x, fld/fsd. */
#include "common.h"
#include "fp.h"

#define D_QNAN   0x7ff8000000000000
#define D_SNAN   0x7ff0000000000001
#define D_INF    0x7ff0000000000000
#define D_NINF   0xfff0000000000000
#define D_ONE    0x3ff0000000000000
#define D_NONE   0xbff0000000000000
#define D_TWO    0x4000000000000000
#define D_NTWO   0xc000000000000000
#define D_THREE  0x4008000000000000
#define D_NZERO  0x8000000000000000
#define D_MAX    0x7fefffffffffffff

test_main:
  TEST_D2 1, fadd.d, D_THREE, 0, D_ONE, D_TWO
  TEST_D2 2, fsub.d, D_NONE, 0, D_ONE, D_TWO
  TEST_D2 3, fmul.d, 0x4018000000000000, 0, D_TWO, D_THREE
  TEST_D2 4, fdiv.d, 0x3fd5555555555555, FFLAG_NX, D_ONE, D_THREE
  TEST_D1 5, fsqrt.d, D_TWO, 0, 0x4010000000000000
  TEST_D1 6, fsqrt.d, 0x3ff6a09e667f3bcd, FFLAG_NX, D_TWO
  TEST_D1 7, fsqrt.d, D_QNAN, FFLAG_NV, D_NONE
  TEST_D2 8, fdiv.d, D_NINF, FFLAG_DZ, D_NONE, 0
  TEST_D2 9, fdiv.d, D_QNAN, FFLAG_NV, 0, 0
  TEST_D2 10, fsub.d, D_QNAN, FFLAG_NV, D_INF, D_INF
  TEST_D2 11, fadd.d, D_QNAN, 0, 0x7ff8000000012345, D_ONE
  TEST_D2 12, fmul.d, D_QNAN, FFLAG_NV, D_SNAN, D_ONE
  TEST_D2 13, fmul.d, D_INF, FFLAG_OF | FFLAG_NX, D_MAX, D_TWO
  TEST_D2 14, fmul.d, 0x0008000000000000, 0, 0x0010000000000000, 0x3fe0000000000000
  TEST_D2 15, fmul.d, 0, FFLAG_UF | FFLAG_NX, 0x0170000000000000, 0x0170000000000000  /* 2^-2000 */
  TEST_D2 16, fmul.d, D_QNAN, FFLAG_NV, D_INF, 0
  TEST_D2 17, fadd.d, 0, 0, D_ONE, D_NONE                    /* x - x = +0 in RNE */

  TEST_D3 20, fmadd.d, 0x401c000000000000, 0, D_TWO, D_THREE, D_ONE
  TEST_D3 21, fmsub.d, 0x4014000000000000, 0, D_TWO, D_THREE, D_ONE
  TEST_D3 22, fnmsub.d, 0xc014000000000000, 0, D_TWO, D_THREE, D_ONE
  TEST_D3 23, fnmadd.d, 0xc01c000000000000, 0, D_TWO, D_THREE, D_ONE
  TEST_D3 24, fmadd.d, D_QNAN, FFLAG_NV, 0, D_INF, D_QNAN
  TEST_D3 25, fmadd.d, 0x3c90000000000000, 0, 0x3ff0000002000000, 0x3ff0000002000000, 0xbff0000004000000
  TEST_D3 26, fmsub.d, D_QNAN, FFLAG_NV, D_INF, D_ONE, D_INF  /* inf - inf */

  TEST_D2 30, fsgnj.d, D_NONE, 0, D_ONE, D_NTWO
  TEST_D2 31, fsgnjn.d, D_ONE, 0, D_ONE, D_NTWO
  TEST_D2 32, fsgnjx.d, D_ONE, 0, D_NONE, D_NTWO
  TEST_D2 33, fsgnjx.d, D_NONE, 0, D_NONE, D_TWO
  TEST_D2 34, fsgnjn.d, 0xfff8000000012345, 0, 0x7ff8000000012345, 0x7ff8000000012345

  TEST_D2 40, fmin.d, D_NZERO, 0, D_NZERO, 0
  TEST_D2 41, fmin.d, D_NZERO, 0, 0, D_NZERO
  TEST_D2 42, fmax.d, 0, 0, D_NZERO, 0
  TEST_D2 43, fmax.d, 0, 0, 0, D_NZERO
  TEST_D2 44, fmin.d, D_ONE, 0, D_QNAN, D_ONE
  TEST_D2 45, fmax.d, D_ONE, 0, D_ONE, D_QNAN
  TEST_D2 46, fmax.d, D_QNAN, 0, 0x7ff8000000012345, D_QNAN
  TEST_D2 47, fmax.d, D_ONE, FFLAG_NV, D_ONE, D_SNAN
  TEST_D2 48, fmin.d, D_QNAN, FFLAG_NV, D_SNAN, D_SNAN
  TEST_D2 49, fmax.d, D_TWO, 0, D_NONE, D_TWO

  TEST_D_CMP 50, feq.d, 1, 0, D_ONE, D_ONE
  TEST_D_CMP 51, feq.d, 0, 0, D_ONE, D_TWO
  TEST_D_CMP 52, feq.d, 0, 0, D_QNAN, D_QNAN
  TEST_D_CMP 53, feq.d, 0, FFLAG_NV, D_ONE, D_SNAN
  TEST_D_CMP 54, flt.d, 1, 0, D_NTWO, D_NONE
  TEST_D_CMP 55, flt.d, 0, FFLAG_NV, D_ONE, D_QNAN
  TEST_D_CMP 56, fle.d, 1, 0, D_NZERO, 0
  TEST_D_CMP 57, fle.d, 0, FFLAG_NV, D_QNAN, D_QNAN
  TEST_D_CMP 58, fle.d, 0, 0, D_TWO, D_ONE

  TEST_D_TOINT 60, fclass.d, 0x001, 0, D_NINF
  TEST_D_TOINT 61, fclass.d, 0x002, 0, D_NTWO
  TEST_D_TOINT 62, fclass.d, 0x004, 0, 0x800fffffffffffff
  TEST_D_TOINT 63, fclass.d, 0x008, 0, D_NZERO
  TEST_D_TOINT 64, fclass.d, 0x010, 0, 0
  TEST_D_TOINT 65, fclass.d, 0x020, 0, 0x0000000000000001
  TEST_D_TOINT 66, fclass.d, 0x040, 0, D_MAX
  TEST_D_TOINT 67, fclass.d, 0x080, 0, D_INF
  TEST_D_TOINT 68, fclass.d, 0x100, 0, 0x7ff4000000000000
  TEST_D_TOINT 69, fclass.d, 0x200, 0, D_QNAN

  TEST_D_TOINT 70, fcvt.w.d, 2, FFLAG_NX, 0x4004000000000000, rne   /* 2.5 */
  TEST_D_TOINT 71, fcvt.w.d, 0x7fffffff, FFLAG_NV, 0x41e0000000000000  /* 2^31 */
  TEST_D_TOINT 72, fcvt.w.d, 0x7fffffff, 0, 0x41dfffffffc00000         /* 2^31 - 1 */
  TEST_D_TOINT 73, fcvt.w.d, 0xffffffff80000000, FFLAG_NV, 0xc1e0000000200000  /* -2^31 - 1 */
  TEST_D_TOINT 74, fcvt.w.d, 0xffffffff80000000, FFLAG_NX, 0xc1e00000001fffff, rtz
  TEST_D_TOINT 75, fcvt.w.d, 0x7fffffff, FFLAG_NV, D_SNAN
  TEST_D_TOINT 76, fcvt.wu.d, 0xffffffffffffffff, 0, 0x41efffffffe00000  /* 2^32 - 1 */
  TEST_D_TOINT 77, fcvt.wu.d, 0xffffffffffffffff, FFLAG_NV, 0x41f0000000000000  /* 2^32 */
  TEST_D_TOINT 78, fcvt.wu.d, 0, FFLAG_NV, D_NINF
  TEST_D_TOINT 79, fcvt.l.d, 0x7fffffffffffffff, FFLAG_NV, 0x43e0000000000000  /* 2^63 */
  TEST_D_TOINT 80, fcvt.l.d, 0x7ffffffffffffc00, 0, 0x43dfffffffffffff
  TEST_D_TOINT 81, fcvt.l.d, 0x8000000000000000, 0, 0xc3e0000000000000
  TEST_D_TOINT 82, fcvt.l.d, 0x8000000000000000, FFLAG_NV, 0xc3e0000000000001
  TEST_D_TOINT 83, fcvt.l.d, 0x7fffffffffffffff, FFLAG_NV, D_QNAN
  TEST_D_TOINT 84, fcvt.lu.d, 0xfffffffffffff800, 0, 0x43efffffffffffff
  TEST_D_TOINT 85, fcvt.lu.d, 0xffffffffffffffff, FFLAG_NV, 0x43f0000000000000  /* 2^64 */
  TEST_D_TOINT 86, fcvt.lu.d, 0, FFLAG_NV, D_NONE
  TEST_D_TOINT 87, fcvt.lu.d, 0xffffffffffffffff, FFLAG_NV, D_INF
  TEST_D_TOINT 88, fcvt.l.d, -1, FFLAG_NX, 0xbfe0000000000000, rdn     /* -0.5 */

  TEST_FROMINT 90, fcvt.d.w, D_NONE, 0, -1
  TEST_FROMINT 91, fcvt.d.w, 0xc1e0000000000000, 0, 0x80000000        /* low word -2^31 */
  TEST_FROMINT 92, fcvt.d.wu, 0x41efffffffe00000, 0, -1
  TEST_FROMINT 93, fcvt.d.l, 0x4340000000000000, FFLAG_NX, 0x20000000000001  /* 2^53 + 1 */
  TEST_FROMINT 94, fcvt.d.l, 0xc3e0000000000000, 0, 0x8000000000000000
  TEST_FROMINT 95, fcvt.d.lu, 0x43f0000000000000, FFLAG_NX, -1
  TEST_FROMINT 96, fcvt.d.lu, 0x43e0000000000000, 0, 0x8000000000000000
  TEST_FROMINT 97, fcvt.d.l, 0, 0, 0
  TEST_FROMINT 98, fmv.d.x, 0x123456789abcdef0, 0, 0x123456789abcdef0

  /* double <-> single */
  TEST_D1 100, fcvt.s.d, 0xffffffff3eaaaaab, FFLAG_NX, 0x3fd5555555555555   /* 1/3 */
  TEST_D1 101, fcvt.s.d, 0xffffffff7f800000, FFLAG_OF | FFLAG_NX, D_MAX
  TEST_D1 102, fcvt.s.d, 0xffffffff7fc00000, FFLAG_NV, D_SNAN
  TEST_D1 103, fcvt.s.d, 0xffffffff7fc00000, 0, 0x7ff8000000012345
  TEST_D1 104, fcvt.s.d, 0xffffffff80000000, 0, D_NZERO
  TEST_D1 105, fcvt.s.d, 0xffffffff00000000, FFLAG_UF | FFLAG_NX, 0x3690000000000000  /* 2^-150 */
  TEST_D1 106, fcvt.s.d, 0xffffffff7f7fffff, FFLAG_OF | FFLAG_NX, D_MAX, rtz
  li t0, 0x3f800000                                  /* fcvt.d.s: exact widening */
  fmv.w.x f1, t0
  csrw fflags, zero
  fcvt.d.s f4, f1
  FP_RESULT 107, D_ONE, 0
  li t0, 0x7f800001
  fmv.w.x f1, t0
  csrw fflags, zero
  fcvt.d.s f4, f1
  FP_RESULT 108, D_QNAN, FFLAG_NV
  li t0, 0x00000001                                  /* smallest single subnormal: normal double */
  fmv.w.x f1, t0
  csrw fflags, zero
  fcvt.d.s f4, f1
  FP_RESULT 109, 0x36a0000000000000, 0
  fmv.d.x f1, zero                                   /* an unboxed single reads as NaN */
  csrw fflags, zero
  fcvt.d.s f4, f1
  FP_RESULT 110, D_QNAN, 0

  /* fmv.x.d / fmv.d.x are raw; fld / fsd */
  li t0, 0xfff8000000012345
  fmv.d.x f1, t0
  fmv.x.d a3, f1
  CHECK_EQ a3, 0xfff8000000012345, 120
  la s0, ddata
  fld f5, 0(s0)
  fmv.x.d a3, f5
  CHECK_EQ a3, 0x400921fb54442d18, 121
  fsd f5, 8(s0)
  ld a3, 8(s0)
  CHECK_EQ a3, 0x400921fb54442d18, 122
  fld f6, 16(s0)                                     /* sNaN bit pattern loads unchanged */
  fsd f6, 8(s0)
  ld a3, 8(s0)
  CHECK_EQ a3, 0x7ff0000000000001, 123
  csrr a3, fflags
  CHECK_EQ a3, 0, 124
  j pass

  .data
  .align 3
ddata:
  .dword 0x400921fb54442d18, 0, 0x7ff0000000000001
