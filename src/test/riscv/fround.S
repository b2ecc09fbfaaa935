/* Rounding: all five modes as the instruction's static rm and as the dynamic frm, on ties,
   non-ties, overflow, underflow, conversions; invalid rounding modes; accrued flags. */
#include "common.h"
#include "fp.h"

#define D_INF    0x7ff0000000000000
#define D_NINF   0xfff0000000000000
#define D_MAX    0x7fefffffffffffff
#define D_NMAX   0xffefffffffffffff
#define D_NZERO  0x8000000000000000
#define D_ONE    0x3ff0000000000000
#define D_NONE   0xbff0000000000000
#define D_TWO    0x4000000000000000
#define S_INF    0x7f800000
#define S_MAX    0x7f7fffff

test_main:
  /* 1 + 2^-53: a tie below an even result */
  TEST_D2 1, fadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, 0x3ca0000000000000, rne
  TEST_D2 2, fadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, 0x3ca0000000000000, rtz
  TEST_D2 3, fadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, 0x3ca0000000000000, rdn
  TEST_D2 4, fadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, 0x3ca0000000000000, rup
  TEST_D2 5, fadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, 0x3ca0000000000000, rmm
  /* (1 + ulp) + 2^-53: a tie below an odd result */
  TEST_D2 6, fadd.d, 0x3ff0000000000002, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000, rne
  TEST_D2 7, fadd.d, 0x3ff0000000000001, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000, rtz
  TEST_D2 8, fadd.d, 0x3ff0000000000001, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000, rdn
  TEST_D2 9, fadd.d, 0x3ff0000000000002, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000, rup
  TEST_D2 10, fadd.d, 0x3ff0000000000002, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000, rmm
  /* -1 - 2^-53 */
  TEST_D2 11, fadd.d, 0xbff0000000000000, FFLAG_NX, D_NONE, 0xbca0000000000000, rne
  TEST_D2 12, fadd.d, 0xbff0000000000000, FFLAG_NX, D_NONE, 0xbca0000000000000, rtz
  TEST_D2 13, fadd.d, 0xbff0000000000001, FFLAG_NX, D_NONE, 0xbca0000000000000, rdn
  TEST_D2 14, fadd.d, 0xbff0000000000000, FFLAG_NX, D_NONE, 0xbca0000000000000, rup
  TEST_D2 15, fadd.d, 0xbff0000000000001, FFLAG_NX, D_NONE, 0xbca0000000000000, rmm
  /* 1 + 0.75 ulp: not a tie */
  TEST_D2 16, fadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, 0x3ca8000000000000, rne
  TEST_D2 17, fadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, 0x3ca8000000000000, rtz
  TEST_D2 18, fadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, 0x3ca8000000000000, rdn
  TEST_D2 19, fadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, 0x3ca8000000000000, rup
  TEST_D2 20, fadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, 0x3ca8000000000000, rmm
  /* 1 / 3 */
  TEST_D2 21, fdiv.d, 0x3fd5555555555555, FFLAG_NX, D_ONE, 0x4008000000000000, rne
  TEST_D2 22, fdiv.d, 0x3fd5555555555555, FFLAG_NX, D_ONE, 0x4008000000000000, rtz
  TEST_D2 23, fdiv.d, 0x3fd5555555555555, FFLAG_NX, D_ONE, 0x4008000000000000, rdn
  TEST_D2 24, fdiv.d, 0x3fd5555555555556, FFLAG_NX, D_ONE, 0x4008000000000000, rup
  TEST_D2 25, fdiv.d, 0x3fd5555555555555, FFLAG_NX, D_ONE, 0x4008000000000000, rmm
  /* single 1 + 2^-24 */
  TEST_S2 26, fadd.s, 0x3f800000, FFLAG_NX, 0x3f800000, 0x33800000, rne
  TEST_S2 27, fadd.s, 0x3f800000, FFLAG_NX, 0x3f800000, 0x33800000, rtz
  TEST_S2 28, fadd.s, 0x3f800000, FFLAG_NX, 0x3f800000, 0x33800000, rdn
  TEST_S2 29, fadd.s, 0x3f800001, FFLAG_NX, 0x3f800000, 0x33800000, rup
  TEST_S2 30, fadd.s, 0x3f800001, FFLAG_NX, 0x3f800000, 0x33800000, rmm
  /* single -1 - 2^-24 */
  TEST_S2 31, fadd.s, 0xbf800000, FFLAG_NX, 0xbf800000, 0xb3800000, rne
  TEST_S2 32, fadd.s, 0xbf800000, FFLAG_NX, 0xbf800000, 0xb3800000, rtz
  TEST_S2 33, fadd.s, 0xbf800001, FFLAG_NX, 0xbf800000, 0xb3800000, rdn
  TEST_S2 34, fadd.s, 0xbf800000, FFLAG_NX, 0xbf800000, 0xb3800000, rup
  TEST_S2 35, fadd.s, 0xbf800001, FFLAG_NX, 0xbf800000, 0xb3800000, rmm
  /* overflow 2^2000: infinity or the largest finite number */
  TEST_D2 36, fmul.d, D_INF, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000, rne
  TEST_D2 37, fmul.d, D_MAX, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000, rtz
  TEST_D2 38, fmul.d, D_MAX, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000, rdn
  TEST_D2 39, fmul.d, D_INF, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000, rup
  TEST_D2 40, fmul.d, D_INF, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000, rmm
  /* overflow -2^2000 */
  TEST_D2 41, fmul.d, D_NINF, FFLAG_OF | FFLAG_NX, 0xfe70000000000000, 0x7e70000000000000, rne
  TEST_D2 42, fmul.d, D_NMAX, FFLAG_OF | FFLAG_NX, 0xfe70000000000000, 0x7e70000000000000, rtz
  TEST_D2 43, fmul.d, D_NINF, FFLAG_OF | FFLAG_NX, 0xfe70000000000000, 0x7e70000000000000, rdn
  TEST_D2 44, fmul.d, D_NMAX, FFLAG_OF | FFLAG_NX, 0xfe70000000000000, 0x7e70000000000000, rup
  TEST_D2 45, fmul.d, D_NINF, FFLAG_OF | FFLAG_NX, 0xfe70000000000000, 0x7e70000000000000, rmm
  /* underflow 2^-2000: zero or the smallest subnormal */
  TEST_D2 46, fmul.d, 0, FFLAG_UF | FFLAG_NX, 0x0170000000000000, 0x0170000000000000, rne
  TEST_D2 47, fmul.d, 0, FFLAG_UF | FFLAG_NX, 0x0170000000000000, 0x0170000000000000, rtz
  TEST_D2 48, fmul.d, 0, FFLAG_UF | FFLAG_NX, 0x0170000000000000, 0x0170000000000000, rdn
  TEST_D2 49, fmul.d, 1, FFLAG_UF | FFLAG_NX, 0x0170000000000000, 0x0170000000000000, rup
  TEST_D2 50, fmul.d, 0, FFLAG_UF | FFLAG_NX, 0x0170000000000000, 0x0170000000000000, rmm
  /* underflow -2^-2000 */
  TEST_D2 51, fmul.d, D_NZERO, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000, rne
  TEST_D2 52, fmul.d, D_NZERO, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000, rtz
  TEST_D2 53, fmul.d, 0x8000000000000001, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000, rdn
  TEST_D2 54, fmul.d, D_NZERO, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000, rup
  TEST_D2 55, fmul.d, D_NZERO, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000, rmm
  /* x - x: -0 only when rounding down */
  TEST_D2 56, fsub.d, 0, 0, D_ONE, D_ONE, rne
  TEST_D2 57, fsub.d, 0, 0, D_ONE, D_ONE, rtz
  TEST_D2 58, fsub.d, D_NZERO, 0, D_ONE, D_ONE, rdn
  TEST_D2 59, fsub.d, 0, 0, D_ONE, D_ONE, rup
  TEST_D2 60, fsub.d, 0, 0, D_ONE, D_ONE, rmm
  /* single overflow 2^127 * 4 */
  TEST_S2 61, fmul.s, S_INF, FFLAG_OF | FFLAG_NX, 0x7f000000, 0x40800000, rne
  TEST_S2 62, fmul.s, S_MAX, FFLAG_OF | FFLAG_NX, 0x7f000000, 0x40800000, rtz
  TEST_S2 63, fmul.s, S_MAX, FFLAG_OF | FFLAG_NX, 0x7f000000, 0x40800000, rdn
  TEST_S2 64, fmul.s, S_INF, FFLAG_OF | FFLAG_NX, 0x7f000000, 0x40800000, rup
  TEST_S2 65, fmul.s, S_INF, FFLAG_OF | FFLAG_NX, 0x7f000000, 0x40800000, rmm
  /* fmadd 1 * 1 + 2^-53 */
  TEST_D3 66, fmadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, D_ONE, 0x3ca0000000000000, rne
  TEST_D3 67, fmadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, D_ONE, 0x3ca0000000000000, rtz
  TEST_D3 68, fmadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, D_ONE, 0x3ca0000000000000, rdn
  TEST_D3 69, fmadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, D_ONE, 0x3ca0000000000000, rup
  TEST_D3 70, fmadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, D_ONE, 0x3ca0000000000000, rmm
  /* sqrt 2 */
  TEST_D1 71, fsqrt.d, 0x3ff6a09e667f3bcd, FFLAG_NX, D_TWO, rne
  TEST_D1 72, fsqrt.d, 0x3ff6a09e667f3bcc, FFLAG_NX, D_TWO, rtz
  TEST_D1 73, fsqrt.d, 0x3ff6a09e667f3bcc, FFLAG_NX, D_TWO, rdn
  TEST_D1 74, fsqrt.d, 0x3ff6a09e667f3bcd, FFLAG_NX, D_TWO, rup
  TEST_D1 75, fsqrt.d, 0x3ff6a09e667f3bcd, FFLAG_NX, D_TWO, rmm
  /* double 1 + 2^-24 to single: a tie */
  TEST_D1 76, fcvt.s.d, 0xffffffff3f800000, FFLAG_NX, 0x3ff0000010000000, rne
  TEST_D1 77, fcvt.s.d, 0xffffffff3f800000, FFLAG_NX, 0x3ff0000010000000, rtz
  TEST_D1 78, fcvt.s.d, 0xffffffff3f800000, FFLAG_NX, 0x3ff0000010000000, rdn
  TEST_D1 79, fcvt.s.d, 0xffffffff3f800001, FFLAG_NX, 0x3ff0000010000000, rup
  TEST_D1 80, fcvt.s.d, 0xffffffff3f800001, FFLAG_NX, 0x3ff0000010000000, rmm
  /* fcvt.w.d 2.5 */
  TEST_D_TOINT 81, fcvt.w.d, 2, FFLAG_NX, 0x4004000000000000, rne
  TEST_D_TOINT 82, fcvt.w.d, 2, FFLAG_NX, 0x4004000000000000, rtz
  TEST_D_TOINT 83, fcvt.w.d, 2, FFLAG_NX, 0x4004000000000000, rdn
  TEST_D_TOINT 84, fcvt.w.d, 3, FFLAG_NX, 0x4004000000000000, rup
  TEST_D_TOINT 85, fcvt.w.d, 3, FFLAG_NX, 0x4004000000000000, rmm
  /* fcvt.w.d -2.5 */
  TEST_D_TOINT 86, fcvt.w.d, -2, FFLAG_NX, 0xc004000000000000, rne
  TEST_D_TOINT 87, fcvt.w.d, -2, FFLAG_NX, 0xc004000000000000, rtz
  TEST_D_TOINT 88, fcvt.w.d, -3, FFLAG_NX, 0xc004000000000000, rdn
  TEST_D_TOINT 89, fcvt.w.d, -2, FFLAG_NX, 0xc004000000000000, rup
  TEST_D_TOINT 90, fcvt.w.d, -3, FFLAG_NX, 0xc004000000000000, rmm
  /* fcvt.l.d 0.75 */
  TEST_D_TOINT 91, fcvt.l.d, 1, FFLAG_NX, 0x3fe8000000000000, rne
  TEST_D_TOINT 92, fcvt.l.d, 0, FFLAG_NX, 0x3fe8000000000000, rtz
  TEST_D_TOINT 93, fcvt.l.d, 0, FFLAG_NX, 0x3fe8000000000000, rdn
  TEST_D_TOINT 94, fcvt.l.d, 1, FFLAG_NX, 0x3fe8000000000000, rup
  TEST_D_TOINT 95, fcvt.l.d, 1, FFLAG_NX, 0x3fe8000000000000, rmm
  /* fcvt.w.s 1.5 */
  TEST_S_TOINT 96, fcvt.w.s, 2, FFLAG_NX, 0x3fc00000, rne
  TEST_S_TOINT 97, fcvt.w.s, 1, FFLAG_NX, 0x3fc00000, rtz
  TEST_S_TOINT 98, fcvt.w.s, 1, FFLAG_NX, 0x3fc00000, rdn
  TEST_S_TOINT 99, fcvt.w.s, 2, FFLAG_NX, 0x3fc00000, rup
  TEST_S_TOINT 100, fcvt.w.s, 2, FFLAG_NX, 0x3fc00000, rmm
  /* fcvt.wu.s 2.75 */
  TEST_S_TOINT 101, fcvt.wu.s, 3, FFLAG_NX, 0x40300000, rne
  TEST_S_TOINT 102, fcvt.wu.s, 2, FFLAG_NX, 0x40300000, rtz
  TEST_S_TOINT 103, fcvt.wu.s, 2, FFLAG_NX, 0x40300000, rdn
  TEST_S_TOINT 104, fcvt.wu.s, 3, FFLAG_NX, 0x40300000, rup
  TEST_S_TOINT 105, fcvt.wu.s, 3, FFLAG_NX, 0x40300000, rmm
  /* fcvt.d.l 2^53 + 1 */
  TEST_FROMINT 106, fcvt.d.l, 0x4340000000000000, FFLAG_NX, 0x20000000000001, rne
  TEST_FROMINT 107, fcvt.d.l, 0x4340000000000000, FFLAG_NX, 0x20000000000001, rtz
  TEST_FROMINT 108, fcvt.d.l, 0x4340000000000000, FFLAG_NX, 0x20000000000001, rdn
  TEST_FROMINT 109, fcvt.d.l, 0x4340000000000001, FFLAG_NX, 0x20000000000001, rup
  TEST_FROMINT 110, fcvt.d.l, 0x4340000000000001, FFLAG_NX, 0x20000000000001, rmm
  /* fcvt.s.w -(2^24 + 1) */
  TEST_FROMINT 111, fcvt.s.w, 0xffffffffcb800000, FFLAG_NX, -16777217, rne
  TEST_FROMINT 112, fcvt.s.w, 0xffffffffcb800000, FFLAG_NX, -16777217, rtz
  TEST_FROMINT 113, fcvt.s.w, 0xffffffffcb800001, FFLAG_NX, -16777217, rdn
  TEST_FROMINT 114, fcvt.s.w, 0xffffffffcb800000, FFLAG_NX, -16777217, rup
  TEST_FROMINT 115, fcvt.s.w, 0xffffffffcb800001, FFLAG_NX, -16777217, rmm

  /* 1 + 2^-53: a tie below an even result: dynamic rounding mode from frm */
  csrwi frm, 0
  TEST_D2 116, fadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, 0x3ca0000000000000
  csrwi frm, 1
  TEST_D2 117, fadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, 0x3ca0000000000000
  csrwi frm, 2
  TEST_D2 118, fadd.d, 0x3ff0000000000000, FFLAG_NX, D_ONE, 0x3ca0000000000000
  csrwi frm, 3
  TEST_D2 119, fadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, 0x3ca0000000000000
  csrwi frm, 4
  TEST_D2 120, fadd.d, 0x3ff0000000000001, FFLAG_NX, D_ONE, 0x3ca0000000000000
  csrwi frm, 0
  /* (1 + ulp) + 2^-53: a tie below an odd result: dynamic rounding mode from frm */
  csrwi frm, 0
  TEST_D2 121, fadd.d, 0x3ff0000000000002, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000
  csrwi frm, 1
  TEST_D2 122, fadd.d, 0x3ff0000000000001, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000
  csrwi frm, 2
  TEST_D2 123, fadd.d, 0x3ff0000000000001, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000
  csrwi frm, 3
  TEST_D2 124, fadd.d, 0x3ff0000000000002, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000
  csrwi frm, 4
  TEST_D2 125, fadd.d, 0x3ff0000000000002, FFLAG_NX, 0x3ff0000000000001, 0x3ca0000000000000
  csrwi frm, 0
  /* -1 - 2^-53: dynamic rounding mode from frm */
  csrwi frm, 0
  TEST_D2 126, fadd.d, 0xbff0000000000000, FFLAG_NX, D_NONE, 0xbca0000000000000
  csrwi frm, 1
  TEST_D2 127, fadd.d, 0xbff0000000000000, FFLAG_NX, D_NONE, 0xbca0000000000000
  csrwi frm, 2
  TEST_D2 128, fadd.d, 0xbff0000000000001, FFLAG_NX, D_NONE, 0xbca0000000000000
  csrwi frm, 3
  TEST_D2 129, fadd.d, 0xbff0000000000000, FFLAG_NX, D_NONE, 0xbca0000000000000
  csrwi frm, 4
  TEST_D2 130, fadd.d, 0xbff0000000000001, FFLAG_NX, D_NONE, 0xbca0000000000000
  csrwi frm, 0
  /* overflow 2^2000: infinity or the largest finite number: dynamic rounding mode from frm */
  csrwi frm, 0
  TEST_D2 131, fmul.d, D_INF, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000
  csrwi frm, 1
  TEST_D2 132, fmul.d, D_MAX, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000
  csrwi frm, 2
  TEST_D2 133, fmul.d, D_MAX, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000
  csrwi frm, 3
  TEST_D2 134, fmul.d, D_INF, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000
  csrwi frm, 4
  TEST_D2 135, fmul.d, D_INF, FFLAG_OF | FFLAG_NX, 0x7e70000000000000, 0x7e70000000000000
  csrwi frm, 0
  /* underflow -2^-2000: dynamic rounding mode from frm */
  csrwi frm, 0
  TEST_D2 136, fmul.d, D_NZERO, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000
  csrwi frm, 1
  TEST_D2 137, fmul.d, D_NZERO, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000
  csrwi frm, 2
  TEST_D2 138, fmul.d, 0x8000000000000001, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000
  csrwi frm, 3
  TEST_D2 139, fmul.d, D_NZERO, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000
  csrwi frm, 4
  TEST_D2 140, fmul.d, D_NZERO, FFLAG_UF | FFLAG_NX, 0x8170000000000000, 0x0170000000000000
  csrwi frm, 0
  /* fcvt.w.d 2.5: dynamic rounding mode from frm */
  csrwi frm, 0
  TEST_D_TOINT 141, fcvt.w.d, 2, FFLAG_NX, 0x4004000000000000
  csrwi frm, 1
  TEST_D_TOINT 142, fcvt.w.d, 2, FFLAG_NX, 0x4004000000000000
  csrwi frm, 2
  TEST_D_TOINT 143, fcvt.w.d, 2, FFLAG_NX, 0x4004000000000000
  csrwi frm, 3
  TEST_D_TOINT 144, fcvt.w.d, 3, FFLAG_NX, 0x4004000000000000
  csrwi frm, 4
  TEST_D_TOINT 145, fcvt.w.d, 3, FFLAG_NX, 0x4004000000000000
  csrwi frm, 0
  /* fcvt.w.d -2.5: dynamic rounding mode from frm */
  csrwi frm, 0
  TEST_D_TOINT 146, fcvt.w.d, -2, FFLAG_NX, 0xc004000000000000
  csrwi frm, 1
  TEST_D_TOINT 147, fcvt.w.d, -2, FFLAG_NX, 0xc004000000000000
  csrwi frm, 2
  TEST_D_TOINT 148, fcvt.w.d, -3, FFLAG_NX, 0xc004000000000000
  csrwi frm, 3
  TEST_D_TOINT 149, fcvt.w.d, -2, FFLAG_NX, 0xc004000000000000
  csrwi frm, 4
  TEST_D_TOINT 150, fcvt.w.d, -3, FFLAG_NX, 0xc004000000000000
  csrwi frm, 0
  /* fcvt.d.l 2^53 + 1: dynamic rounding mode from frm */
  csrwi frm, 0
  TEST_FROMINT 151, fcvt.d.l, 0x4340000000000000, FFLAG_NX, 0x20000000000001
  csrwi frm, 1
  TEST_FROMINT 152, fcvt.d.l, 0x4340000000000000, FFLAG_NX, 0x20000000000001
  csrwi frm, 2
  TEST_FROMINT 153, fcvt.d.l, 0x4340000000000000, FFLAG_NX, 0x20000000000001
  csrwi frm, 3
  TEST_FROMINT 154, fcvt.d.l, 0x4340000000000001, FFLAG_NX, 0x20000000000001
  csrwi frm, 4
  TEST_FROMINT 155, fcvt.d.l, 0x4340000000000001, FFLAG_NX, 0x20000000000001
  csrwi frm, 0
  /* A static rm overrides frm */
  csrwi frm, RM_RUP
  TEST_D2 200, fadd.d, D_ONE, FFLAG_NX, D_ONE, 0x3ca0000000000000, rtz
  /* Invalid dynamic modes (frm = 5, 6, 7) and invalid static modes (5, 6) are illegal */
  csrwi frm, 5
  TRAPS 201, fadd.d f4, f1, f2
  CHECK_EQ s9, CAUSE_ILLEGAL, 201
  lwu a5, 0(a4)
  CHECK_REGS s11, a5, 202
  csrwi frm, 6
  TRAPS 203, fcvt.w.d a3, f1
  CHECK_EQ s9, CAUSE_ILLEGAL, 203
  csrwi frm, 7
  TRAPS 204, fmul.s f4, f1, f2
  CHECK_EQ s9, CAUSE_ILLEGAL, 204
  /* frm = 7 but a static mode: fine; and operations without rounding ignore frm */
  TEST_D2 205, fadd.d, D_TWO, 0, D_ONE, D_ONE, rne
  TEST_D2 206, fmin.d, D_ONE, 0, D_ONE, D_TWO
  TEST_D2 207, fsgnjn.d, D_NONE, 0, D_ONE, D_ONE
  TEST_D_CMP 208, flt.d, 1, 0, D_ONE, D_TWO
  csrwi frm, 0
  TRAPS 209, .insn r 0x53, 5, 0x01, f4, f1, f2     /* fadd.d with rm = 5 */
  CHECK_EQ s9, CAUSE_ILLEGAL, 209
  TRAPS 210, .insn r 0x53, 6, 0x00, f4, f1, f2     /* fadd.s with rm = 6 */
  CHECK_EQ s9, CAUSE_ILLEGAL, 210

  /* Flags accrue until cleared: NX, UF, OF, DZ, NV in turn */
  csrw fflags, zero
  li t0, D_ONE
  fmv.d.x f1, t0
  li t0, 0x4008000000000000
  fmv.d.x f2, t0
  fdiv.d f4, f1, f2
  csrr a3, fflags
  CHECK_EQ a3, FFLAG_NX, 220
  li t0, 0x0170000000000000
  fmv.d.x f2, t0
  fmul.d f4, f2, f2
  csrr a3, fflags
  CHECK_EQ a3, FFLAG_NX | FFLAG_UF, 221
  li t0, 0x7e70000000000000
  fmv.d.x f2, t0
  fmul.d f4, f2, f2
  csrr a3, fflags
  CHECK_EQ a3, FFLAG_NX | FFLAG_UF | FFLAG_OF, 222
  fmv.d.x f2, zero
  fdiv.d f4, f1, f2
  csrr a3, fflags
  CHECK_EQ a3, FFLAG_NX | FFLAG_UF | FFLAG_OF | FFLAG_DZ, 223
  fneg.d f2, f1
  fsqrt.d f4, f2
  csrr a3, fflags
  CHECK_EQ a3, 0x1f, 224
  fadd.d f4, f1, f1                               /* an exact operation leaves them */
  csrrci a3, fflags, FFLAG_NX
  CHECK_EQ a3, 0x1f, 225
  csrr a3, fflags
  CHECK_EQ a3, 0x1e, 226
  csrr a3, frm                                    /* fflags writes leave frm alone */
  CHECK_EQ a3, 0, 227
  j pass
