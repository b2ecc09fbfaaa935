/* A extension: LR/SC rules the spec guarantees, every AMO in both widths, .w sign extension. */
#include "common.h"

/* Sets the 64-bit word at s0 to init, runs inst a3, a2(=src), (s0), checks old value and memory. */
.macro TEST_AMO n, inst, init, src, old, new, load=ld
  li t0, \init
  sd t0, 0(s0)
  li a2, \src
  \inst a3, a2, (s0)
  CHECK_EQ a3, \old, \n
  \load a4, 0(s0)
  CHECK_EQ_AGAIN a4, \new, \n
.endm

.macro CHECK_AMO_MISALIGNED n
  CHECK_NUMBER \n
  li t6, CAUSE_MISALIGNED_STORE
  beq s9, t6, .Lok\@
  li t6, CAUSE_MISALIGNED_LOAD
  beq s9, t6, .Lok\@
  li a0, \n
  j fail
.Lok\@:
.endm

test_main:
  la s0, amo_data
  li t0, 0x5555555555555555
  sd t0, 8(s0)                              /* guard word after the target */

  /* LR/SC */
  li a1, 111
  sd a1, 0(s0)
  li a2, 222
  sc.d a3, a2, (s0)                         /* no reservation: fails */
  CHECK_NZ a3, 1
  ld a4, 0(s0)
  CHECK_EQ a4, 111, 2
  lr.d a3, (s0)
  CHECK_EQ a3, 111, 3
  sc.d a3, a2, (s0)                         /* succeeds: writes 0 */
  CHECK_EQ a3, 0, 4
  ld a4, 0(s0)
  CHECK_EQ a4, 222, 5
  li a2, 333
  sc.d a3, a2, (s0)                         /* reservation used up: fails */
  CHECK_NZ a3, 6
  ld a4, 0(s0)
  CHECK_EQ a4, 222, 7
  li t0, 0x0000000180000000
  sd t0, 0(s0)
  lr.w a3, (s0)                             /* sign-extended */
  CHECK_EQ a3, 0xffffffff80000000, 8
  li a2, 0x1234567876543210
  sc.w a3, a2, (s0)
  CHECK_EQ a3, 0, 9
  ld a4, 0(s0)                              /* only the low word written */
  CHECK_EQ a4, 0x0000000176543210, 10
  lr.d.aq a3, (s0)
  sc.d.rl a3, zero, (s0)
  CHECK_EQ a3, 0, 11
  ld a4, 0(s0)
  CHECK_EQ a4, 0, 12
  li a2, 77
  sc.w a3, a2, (s0)                         /* fails again */
  CHECK_NZ a3, 13
  lw a4, 0(s0)
  CHECK_EQ a4, 0, 14

  /* AMO .d */
  TEST_AMO 20, amoswap.d, 0x1111111111111111, 0x2222222222222222, 0x1111111111111111, 0x2222222222222222
  TEST_AMO 21, amoadd.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000
  TEST_AMO 22, amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0
  TEST_AMO 23, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00
  TEST_AMO 24, amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0
  TEST_AMO 25, amomin.d, -5, 3, -5, -5
  TEST_AMO 26, amomin.d, 3, -5, 3, -5
  TEST_AMO 27, amomax.d, -5, 3, -5, 3
  TEST_AMO 28, amomax.d, 3, -5, 3, 3
  TEST_AMO 29, amominu.d, -5, 3, -5, 3
  TEST_AMO 30, amominu.d, 3, -5, 3, 3
  TEST_AMO 31, amomaxu.d, -5, 3, -5, -5
  TEST_AMO 32, amomaxu.d, 3, -5, 3, -5
  TEST_AMO 33, amoadd.d.aqrl, 40, 2, 40, 42

  /* AMO .w: 32-bit operation on the low word, old value sign-extended, upper word untouched */
  TEST_AMO 40, amoswap.w, 0x0000000180000000, 0x12345678, 0xffffffff80000000, 0x0000000112345678
  TEST_AMO 41, amoadd.w, 0x000000017fffffff, 1, 0x7fffffff, 0x0000000180000000
  TEST_AMO 42, amoadd.w, 0x00000001ffffffff, 1, -1, 0x0000000100000000  /* no carry out */
  TEST_AMO 43, amoxor.w, 0x00000001ff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x00000001f0f0f0f0
  TEST_AMO 44, amoand.w, 0x00000001ff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x000000010f000f00
  TEST_AMO 45, amoor.w, 0x00000001ff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x00000001fff0fff0
  TEST_AMO 46, amomin.w, 0x00000001fffffffb, 3, -5, 0x00000001fffffffb
  TEST_AMO 47, amomin.w, 0x0000000100000003, 0xfffffffb, 3, 0x00000001fffffffb  /* src low word -5 */
  TEST_AMO 48, amomax.w, 0x00000001fffffffb, 3, -5, 0x0000000100000003
  TEST_AMO 49, amomax.w, 0x0000000100000003, 0x7ffffffffffffffb, 3, 0x0000000100000003
  TEST_AMO 50, amominu.w, 0x00000001fffffffb, 3, -5, 0x0000000100000003
  TEST_AMO 51, amominu.w, 0x0000000100000003, 0xfffffffb, 3, 0x0000000100000003
  TEST_AMO 52, amomaxu.w, 0x00000001fffffffb, 3, -5, 0x00000001fffffffb
  TEST_AMO 53, amomaxu.w, 0x0000000100000003, 0xfffffffb, 3, 0x00000001fffffffb
  TEST_AMO 54, amomin.w, 0x0000000000000001, 0x80000000, 1, 0x0000000080000000  /* src upper bits ignored */

  /* AMO with rd = x0 still writes memory. */
  li t0, 5
  sd t0, 0(s0)
  li a2, 6
  amoadd.d zero, a2, (s0)
  ld a4, 0(s0)
  CHECK_EQ a4, 11, 60
  CHECK_EQ zero, 0, 61
  /* rd == rs2 */
  li a2, 100
  amoswap.d a2, a2, (s0)
  CHECK_EQ a2, 11, 62
  ld a4, 0(s0)
  CHECK_EQ a4, 100, 63
  /* guard word intact */
  ld a4, 8(s0)
  CHECK_EQ a4, 0x5555555555555555, 64

  /* Misaligned AMO and LR trap with the address in mtval, even though plain misaligned loads and
     stores are performed. The spec says store/AMO address misaligned (6) for AMOs; QEMU 7.2 raises
     load address misaligned (4) for them, so either is accepted. LR: load address misaligned. */
  addi a1, s0, 4
  EXPECT_TRAP 1f
  amoadd.d a3, a2, (a1)
  li a0, 70
  j fail
1:
  CHECK_AMO_MISALIGNED 70
  CHECK_REGS s11, a1, 71
  addi a1, s0, 2
  EXPECT_TRAP 2f
  amoswap.w a3, a2, (a1)
  li a0, 72
  j fail
2:
  CHECK_AMO_MISALIGNED 72
  CHECK_REGS s11, a1, 73
  addi a1, s0, 4
  EXPECT_TRAP 3f
  lr.d a3, (a1)
  li a0, 74
  j fail
3:
  CHECK_EQ s9, CAUSE_MISALIGNED_LOAD, 74
  CHECK_REGS s11, a1, 75
  j pass

  .data
  .align 4
amo_data:
  .dword 0, 0
