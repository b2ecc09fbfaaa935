/* RV64I: every base instruction, W-forms, 6-bit shift amounts, load sign extension, x0. */
#include "common.h"

.macro TEST_BR_TAKEN n, inst, v1, v2
  CHECK_NUMBER \n
  li a1, \v1
  li a2, \v2
  \inst a1, a2, .Lt\@
  li a0, \n
  j fail
.Lt\@:
.endm

.macro TEST_BR_NOT n, inst, v1, v2
  CHECK_NUMBER \n
  li a1, \v1
  li a2, \v2
  \inst a1, a2, .Lbad\@
  j .Lok\@
.Lbad\@:
  li a0, \n
  j fail
.Lok\@:
.endm

test_main:
  TEST_RR 1, add, 7, 3, 4
  TEST_RR 2, add, 0x8000000000000000, 0x7fffffffffffffff, 1
  TEST_RR 3, sub, -4, 3, 7
  TEST_RR 4, sub, 0x8000000000000000, 0, 0x8000000000000000
  TEST_RR 5, sll, 0x8000000000000000, 1, 63
  TEST_RR 6, sll, 16, 1, 68                 /* only the low 6 bits of rs2 count */
  TEST_RR 7, slt, 1, -1, 1
  TEST_RR 8, slt, 0, 1, -1
  TEST_RR 9, sltu, 0, -1, 1
  TEST_RR 10, sltu, 1, 1, -1
  TEST_RR 11, xor, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
  TEST_RR 12, srl, 1, 0x8000000000000000, 63
  TEST_RR 13, srl, 0xffffffff, -1, 32
  TEST_RR 14, sra, -1, 0x8000000000000000, 63
  TEST_RR 15, sra, 0xffffffff80000000, 0x8000000000000000, 32
  TEST_RR 16, or, 0xfff0fff0fff0fff0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
  TEST_RR 17, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
  TEST_RR 18, srl, 0x4000000000000000, 0x8000000000000000, 0xffffffffffffffc1  /* shamt 1 */
  TEST_RR 19, slt, 0, 5, 5

  TEST_RI 20, addi, 0, 1, -1
  TEST_RI 21, addi, 2047, 0, 2047
  TEST_RI 22, addi, -2048, 0, -2048
  TEST_RI 23, slti, 1, -5, -4
  TEST_RI 24, slti, 0, -4, -4
  TEST_RI 25, sltiu, 1, 0, -1               /* immediate sign-extended, then unsigned */
  TEST_RI 26, sltiu, 0, 5, 3
  TEST_RI 27, xori, 0xff00ff00ff00ff00, 0x00ff00ff00ff00ff, -1
  TEST_RI 28, ori, 0xff000000000000f0, 0xff00000000000000, 0xf0
  TEST_RI 29, andi, 0x123456789abcdef0, 0x123456789abcdef0, -16
  TEST_RI 30, andi, 0xf0, 0x123456789abcdef0, 0xff
  TEST_RI 31, slli, 0x8000000000000000, 1, 63
  TEST_RI 32, slli, 0xffffffff00000000, 0xffffffff, 32
  TEST_RI 33, srli, 1, -1, 63
  TEST_RI 34, srli, 0x7fffffffffffffff, -1, 1
  TEST_RI 35, srai, 0xc000000000000000, 0x8000000000000000, 1
  TEST_RI 36, srai, -1, 0x8000000000000000, 63
  TEST_RI 37, srai, 0x0000000012345678, 0x1234567800000000, 32

  /* W-forms: 32-bit operation, result sign-extended. */
  TEST_RR 40, addw, 0xffffffff80000000, 0x7fffffff, 1
  TEST_RR 41, addw, 0, 0xffffffff00000001, 0xffffffff
  TEST_RR 42, subw, -1, 0, 1
  TEST_RR 43, subw, 0x7fffffff, 0x80000000, 1
  TEST_RR 44, sllw, 0xffffffff80000000, 1, 31
  TEST_RR 45, sllw, 2, 1, 33                /* only the low 5 bits of rs2 count */
  TEST_RR 46, srlw, 1, 0xffffffff80000000, 31
  TEST_RR 47, srlw, 0xffffffff80000000, 0x80000000, 0
  TEST_RR 48, sraw, -1, 0x80000000, 31
  TEST_RR 49, sraw, 0xffffffffff000000, 0x7ffffffff0000000, 4
  TEST_RR 50, srlw, 0x0fffffff, 0x12345678ffffffff, 36
  TEST_RI 51, addiw, 0xffffffff80000000, 0x7fffffff, 1
  TEST_RI 52, addiw, 5, 0x100000005, 0
  TEST_RI 53, slliw, 0xffffffff80000000, 1, 31
  TEST_RI 54, srliw, 1, -1, 31
  TEST_RI 55, srliw, 0xffffffff80000000, 0x80000000, 0
  TEST_RI 56, sraiw, 0xfffffffff8000000, 0x80000000, 4
  TEST_RI 57, srliw, 1, 0xffffffff00000010, 4
  TEST_RI 58, addiw, -1, 0, -1

  /* lui / auipc */
  lui a3, 0x80000
  CHECK_EQ a3, 0xffffffff80000000, 60
  lui a3, 0x7ffff
  CHECK_EQ a3, 0x7ffff000, 61
1:
  auipc a3, 0
  la a4, 1b
  CHECK_REGS a3, a4, 62
2:
  auipc a3, 1
  la a4, 2b
  li t0, 0x1000
  add a4, a4, t0
  CHECK_REGS a3, a4, 63
3:
  auipc a3, 0xfffff                         /* negative offset: pc - 0x1000 */
  la a4, 3b
  li t0, -0x1000
  add a4, a4, t0
  CHECK_REGS a3, a4, 64

  /* Branches both ways, signed and unsigned. */
  TEST_BR_TAKEN 70, beq, 5, 5
  TEST_BR_NOT 71, beq, 5, 6
  TEST_BR_TAKEN 72, bne, 5, 6
  TEST_BR_NOT 73, bne, -1, -1
  TEST_BR_TAKEN 74, blt, -1, 0
  TEST_BR_NOT 75, blt, 0, -1
  TEST_BR_NOT 76, blt, 3, 3
  TEST_BR_TAKEN 77, bge, 0, -1
  TEST_BR_TAKEN 78, bge, 3, 3
  TEST_BR_NOT 79, bge, -1, 0
  TEST_BR_TAKEN 80, bltu, 0, -1
  TEST_BR_NOT 81, bltu, -1, 0
  TEST_BR_TAKEN 82, bgeu, -1, 0
  TEST_BR_NOT 83, bgeu, 0, -1
  TEST_BR_TAKEN 84, bgeu, 7, 7
  /* A backward branch loop: count 10 iterations. */
  li a3, 0
  li a4, 10
4:
  addi a3, a3, 1
  bne a3, a4, 4b
  CHECK_EQ a3, 10, 85

  /* jal / jalr link values and targets. */
  jal ra, 5f
6:
  li a0, 90
  j fail
5:
  la a4, 6b
  CHECK_REGS ra, a4, 90
  la a1, 7f
  jalr a3, 0(a1)
8:
  li a0, 91
  j fail
7:
  la a4, 8b
  CHECK_REGS a3, a4, 91
  la a1, 9f + 1                             /* jalr clears bit 0 of the target */
  jalr a3, 0(a1)
  li a0, 92
  j fail
9:
  CHECK_NUMBER 92
  la a1, 10f - 12                           /* offset added to rs1 */
  jalr a3, 12(a1)
  li a0, 93
  j fail
10:
  CHECK_NUMBER 93
  la a1, 11f                                /* rd == rs1: target from the old value */
  jalr a1, 0(a1)
12:
  li a0, 94
  j fail
11:
  la a4, 12b
  CHECK_REGS a1, a4, 94
  jal zero, 13f                             /* jal x0 does not link */
  li a0, 95
  j fail
13:
  CHECK_EQ zero, 0, 95

  /* x0 is never written. */
  addi zero, zero, 5
  CHECK_EQ zero, 0, 100
  lui zero, 0x12345
  CHECK_EQ zero, 0, 101
  la a1, ldata
  ld zero, 0(a1)
  CHECK_EQ zero, 0, 102
  jal zero, 14f
14:
  auipc zero, 1
  add zero, a1, a1
  CHECK_EQ zero, 0, 103

  /* Loads: sign and zero extension. ldata = 0x8182838485868788 then 0x7172737475767778. */
  la a1, ldata
  lb a3, 0(a1)
  CHECK_EQ a3, 0xffffffffffffff88, 110
  lbu a3, 0(a1)
  CHECK_EQ a3, 0x88, 111
  lh a3, 0(a1)
  CHECK_EQ a3, 0xffffffffffff8788, 112
  lhu a3, 0(a1)
  CHECK_EQ a3, 0x8788, 113
  lw a3, 0(a1)
  CHECK_EQ a3, 0xffffffff85868788, 114
  lwu a3, 0(a1)
  CHECK_EQ a3, 0x85868788, 115
  ld a3, 0(a1)
  CHECK_EQ a3, 0x8182838485868788, 116
  lb a3, 8(a1)
  CHECK_EQ a3, 0x78, 117
  lh a3, 10(a1)
  CHECK_EQ a3, 0x7576, 118
  lw a3, 12(a1)
  CHECK_EQ a3, 0x71727374, 119
  addi a2, a1, 8
  lb a3, -1(a2)                             /* negative offset */
  CHECK_EQ a3, 0xffffffffffffff81, 120
  lh a3, -2(a2)
  CHECK_EQ a3, 0xffffffffffff8182, 121
  lhu a3, 6(a1)
  CHECK_EQ a3, 0x8182, 122

  /* Stores: each width writes only its bytes. */
  la a1, sdata
  sd zero, 0(a1)
  li a2, 0x1122334455667788
  sb a2, 1(a1)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x8800, 130
  sh a2, 2(a1)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x77888800, 131
  sw a2, 4(a1)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x5566778877888800, 132
  sd a2, 0(a1)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1122334455667788, 133
  addi a2, a1, 16
  li a4, -1
  sw a4, -4(a2)                             /* negative offset store */
  ld a3, 8(a1)
  CHECK_EQ a3, 0xffffffff00000000, 134

  /* Misaligned loads and stores in M-mode: QEMU 7.2 performs them (no trap). */
  la a1, ldata
  ld a3, 1(a1)
  CHECK_EQ a3, 0x7881828384858687, 140
  lw a3, 3(a1)
  CHECK_EQ a3, 0xffffffff82838485, 141
  lhu a3, 7(a1)
  CHECK_EQ a3, 0x7881, 142
  la a1, sdata
  sd zero, 0(a1)
  sd zero, 8(a1)
  li a2, 0x1122334455667788
  sd a2, 5(a1)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x6677880000000000, 143
  ld a3, 8(a1)
  CHECK_EQ a3, 0x0000001122334455, 144

  /* fence / fence.i: self-modifying code is seen after fence.i. */
  fence
  fence rw, rw
  la a1, patch_slot
  li a2, 0x00200693                         /* addi a3, zero, 2 */
  sw a2, 0(a1)
  fence.i
  call patch_slot
  CHECK_EQ a3, 2, 150
  li a2, 0x00300693                         /* addi a3, zero, 3 */
  sw a2, 0(a1)
  fence.i
  call patch_slot
  CHECK_EQ a3, 3, 151

  j pass

  .align 2
patch_slot:
  addi a3, zero, 1
  ret

  .data
  .align 3
ldata:
  .dword 0x8182838485868788
  .dword 0x7172737475767778
sdata:
  .dword 0, 0, 0
