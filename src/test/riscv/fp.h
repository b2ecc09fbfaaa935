/*
 * Check macros for the F and D tests. Operands are given as bit patterns; every macro clears
 * fflags, runs the instruction, and checks both the result and the accrued flags under one
 * check number. Single results are checked as the whole 64-bit register, so they must be NaN-boxed.
 * The optional rm (rne, rtz, rdn, rup, rmm, dyn) becomes the instruction's static rounding mode.
 */

.macro FP_LOAD_D a, b, c
  li t0, \a
  fmv.d.x f1, t0
  li t0, \b
  fmv.d.x f2, t0
  li t0, \c
  fmv.d.x f3, t0
.endm

.macro FP_LOAD_S a, b, c
  li t0, \a
  fmv.w.x f1, t0
  li t0, \b
  fmv.w.x f2, t0
  li t0, \c
  fmv.w.x f3, t0
.endm

.macro FP_RESULT n, expected, flags
  fmv.x.d a3, f4
  csrr a4, fflags
  CHECK_EQ a3, \expected, \n
  CHECK_EQ_AGAIN a4, \flags, \n
.endm

.macro INT_RESULT n, expected, flags
  csrr a4, fflags
  CHECK_EQ a3, \expected, \n
  CHECK_EQ_AGAIN a4, \flags, \n
.endm

/* f4 = inst(f1[, f2[, f3]]) with optional rm */
.macro FP_OP arity, inst, rm
  csrw fflags, zero
  .if \arity == 1
    .ifb \rm
      \inst f4, f1
    .else
      \inst f4, f1, \rm
    .endif
  .elseif \arity == 2
    .ifb \rm
      \inst f4, f1, f2
    .else
      \inst f4, f1, f2, \rm
    .endif
  .else
    .ifb \rm
      \inst f4, f1, f2, f3
    .else
      \inst f4, f1, f2, f3, \rm
    .endif
  .endif
.endm

.macro TEST_D1 n, inst, expected, flags, a, rm
  FP_LOAD_D \a, 0, 0
  FP_OP 1, \inst, \rm
  FP_RESULT \n, \expected, \flags
.endm
.macro TEST_D2 n, inst, expected, flags, a, b, rm
  FP_LOAD_D \a, \b, 0
  FP_OP 2, \inst, \rm
  FP_RESULT \n, \expected, \flags
.endm
.macro TEST_D3 n, inst, expected, flags, a, b, c, rm
  FP_LOAD_D \a, \b, \c
  FP_OP 3, \inst, \rm
  FP_RESULT \n, \expected, \flags
.endm
.macro TEST_S1 n, inst, expected, flags, a, rm
  FP_LOAD_S \a, 0, 0
  FP_OP 1, \inst, \rm
  FP_RESULT \n, (0xffffffff00000000 | \expected), \flags
.endm
.macro TEST_S2 n, inst, expected, flags, a, b, rm
  FP_LOAD_S \a, \b, 0
  FP_OP 2, \inst, \rm
  FP_RESULT \n, (0xffffffff00000000 | \expected), \flags
.endm
.macro TEST_S3 n, inst, expected, flags, a, b, c, rm
  FP_LOAD_S \a, \b, \c
  FP_OP 3, \inst, \rm
  FP_RESULT \n, (0xffffffff00000000 | \expected), \flags
.endm

/* a3 = inst(f1) with optional rm (conversions to integer, fclass) */
.macro FP_TOINT inst, rm
  csrw fflags, zero
  .ifb \rm
    \inst a3, f1
  .else
    \inst a3, f1, \rm
  .endif
.endm
.macro TEST_D_TOINT n, inst, expected, flags, a, rm
  FP_LOAD_D \a, 0, 0
  FP_TOINT \inst, \rm
  INT_RESULT \n, \expected, \flags
.endm
.macro TEST_S_TOINT n, inst, expected, flags, a, rm
  FP_LOAD_S \a, 0, 0
  FP_TOINT \inst, \rm
  INT_RESULT \n, \expected, \flags
.endm

/* a3 = inst(f1, f2): compares */
.macro TEST_D_CMP n, inst, expected, flags, a, b
  FP_LOAD_D \a, \b, 0
  csrw fflags, zero
  \inst a3, f1, f2
  INT_RESULT \n, \expected, \flags
.endm
.macro TEST_S_CMP n, inst, expected, flags, a, b
  FP_LOAD_S \a, \b, 0
  csrw fflags, zero
  \inst a3, f1, f2
  INT_RESULT \n, \expected, \flags
.endm

/* f4 = inst(integer a) with optional rm; expected is the whole register (box singles). */
.macro TEST_FROMINT n, inst, expected, flags, a, rm
  li a1, \a
  csrw fflags, zero
  .ifb \rm
    \inst f4, a1
  .else
    \inst f4, a1, \rm
  .endif
  FP_RESULT \n, \expected, \flags
.endm
