/* M extension: multiply high parts, division by zero and signed overflow, W-forms. */
#include "common.h"

test_main:
  TEST_RR 1, mul, 21, 3, 7
  TEST_RR 2, mul, 1, -1, -1
  TEST_RR 3, mul, 0x8000000000000000, 0x8000000000000000, -1
  TEST_RR 4, mul, 0, 0x100000000, 0x100000000
  TEST_RR 5, mul, 0xfffffffffffffffa, -2, 3
  TEST_RR 10, mulh, 0, -1, -1
  TEST_RR 11, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
  TEST_RR 12, mulh, -1, -1, 1
  TEST_RR 13, mulh, 0, 0x7fffffffffffffff, 2
  TEST_RR 14, mulh, 0xc000000000000000, 0x8000000000000000, 0x7fffffffffffffff
  TEST_RR 20, mulhsu, -1, -1, -1
  TEST_RR 21, mulhsu, 1, 2, -1
  TEST_RR 22, mulhsu, -1, -2, 3
  TEST_RR 23, mulhsu, 0, 5, 7
  TEST_RR 30, mulhu, 0xfffffffffffffffe, -1, -1
  TEST_RR 31, mulhu, 1, 0x100000000, 0x100000000
  TEST_RR 32, mulhu, 0, 5, 7
  TEST_RR 33, mulhu, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 40, mulw, -2, 0x7fffffff, 2
  TEST_RR 41, mulw, 15, 0x100000003, 5
  TEST_RR 42, mulw, 1, -1, -1
  TEST_RR 43, mulw, 0xffffffff80000000, 0x10000, 0x8000

  TEST_RR 50, div, 3, 20, 6
  TEST_RR 51, div, -3, -20, 6
  TEST_RR 52, div, -3, 20, -6
  TEST_RR 53, div, 3, -20, -6
  TEST_RR 54, div, -1, 20, 0                /* division by zero: all ones */
  TEST_RR 55, div, 0x8000000000000000, 0x8000000000000000, -1  /* overflow: dividend */
  TEST_RR 56, div, -1, 0, 0
  TEST_RR 60, divu, 3, 20, 6
  TEST_RR 61, divu, 0x7fffffffffffffff, -1, 2
  TEST_RR 62, divu, 0xffffffffffffffff, 20, 0
  TEST_RR 63, divu, 0, 0x8000000000000000, -1
  TEST_RR 70, rem, 2, 20, 6
  TEST_RR 71, rem, -2, -20, 6
  TEST_RR 72, rem, 2, 20, -6
  TEST_RR 73, rem, -2, -20, -6
  TEST_RR 74, rem, 20, 20, 0                /* remainder by zero: the dividend */
  TEST_RR 75, rem, 0, 0x8000000000000000, -1  /* overflow: 0 */
  TEST_RR 76, rem, -20, -20, 0
  TEST_RR 80, remu, 2, 20, 6
  TEST_RR 81, remu, 5, -1, 10
  TEST_RR 82, remu, -1, -1, 0
  TEST_RR 83, remu, 0x8000000000000000, 0x8000000000000000, -1

  TEST_RR 90, divw, -3, -20, 6
  TEST_RR 91, divw, 0xffffffff80000000, 0x80000000, -1  /* 32-bit overflow, sign-extended */
  TEST_RR 92, divw, -1, 5, 0
  TEST_RR 93, divw, 3, 0x100000014, 6       /* upper bits ignored */
  TEST_RR 94, divw, -1, 5, 0x100000000      /* divisor low word 0 */
  TEST_RR 100, divuw, 0x7fffffff, 0xffffffff, 2
  TEST_RR 101, divuw, 0xfffffffffffffffe, 0xfffffffe, 1  /* result sign-extended */
  TEST_RR 102, divuw, -1, 123, 0
  TEST_RR 103, divuw, 1, 0xffffffff00000005, 5
  TEST_RR 110, remw, -2, -20, 6
  TEST_RR 111, remw, 0, 0x80000000, -1
  TEST_RR 112, remw, 7, 7, 0
  TEST_RR 113, remw, 0xffffffff80000000, 0x180000000, 0  /* by zero: sign-extended dividend */
  TEST_RR 120, remuw, 5, 0xffffffff, 10
  TEST_RR 121, remuw, 0xffffffff80000000, 0x80000000, 0
  TEST_RR 122, remuw, 3, 0x100000007, 4
  TEST_RR 123, remuw, 0xfffffffffffffffe, 0xfffffffe, 0xffffffff

  /* rd == rs1 == rs2 */
  li a3, 9
  mul a3, a3, a3
  CHECK_EQ a3, 81, 130
  divu a3, a3, a3
  CHECK_EQ a3, 1, 131
  j pass
