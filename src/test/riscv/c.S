/* C extension: every RV64C instruction (assembled with .option rvc), link values pc+2,
   32-bit instructions at 2-byte-aligned addresses. (c.jal is RV32-only; its encoding is c.addiw.) */
#include "common.h"

  .option rvc
test_main:
  c.li a1, 31
  CHECK_EQ a1, 31, 1
  c.li a1, -32
  CHECK_EQ a1, -32, 2
  c.lui a1, 0x1f
  CHECK_EQ a1, 0x1f000, 3
  c.lui a1, 0xfffe0                          /* nzimm = -32: sign-extended */
  CHECK_EQ a1, 0xfffffffffffe0000, 4
  li a1, 0
  c.addi a1, -1
  CHECK_EQ a1, -1, 5
  c.addi a1, 31
  CHECK_EQ a1, 30, 6
  li a1, 0x7fffffff
  c.addiw a1, 1
  CHECK_EQ a1, 0xffffffff80000000, 7
  li a1, 0x180000000
  c.addiw a1, 0                              /* sext.w */
  CHECK_EQ a1, 0xffffffff80000000, 8

  mv s1, sp
  c.addi16sp sp, -64
  sub a1, s1, sp
  CHECK_EQ a1, 64, 9
  c.addi16sp sp, 496
  sub a1, sp, s1
  CHECK_EQ a1, 432, 10
  mv sp, s1
  c.addi4spn a1, sp, 1020
  sub a1, a1, sp
  CHECK_EQ a1, 1020, 11

  li a1, 1
  c.slli a1, 63
  CHECK_EQ a1, 0x8000000000000000, 12
  c.srli a1, 63
  CHECK_EQ a1, 1, 13
  li a1, 0x8000000000000000
  c.srai a1, 4
  CHECK_EQ a1, 0xf800000000000000, 14
  li a1, 0x1ff
  c.andi a1, -16
  CHECK_EQ a1, 0x1f0, 15
  c.andi a1, 0x1f
  CHECK_EQ a1, 0x10, 16
  li a2, 0x123456789
  c.mv a1, a2
  CHECK_EQ a1, 0x123456789, 17
  li a1, 0x7fffffffffffffff
  li a2, 1
  c.add a1, a2
  CHECK_EQ a1, 0x8000000000000000, 18
  li a1, 0xff00ff00ff00ff00
  li a2, 0x0ff00ff00ff00ff0
  c.and a1, a2
  CHECK_EQ a1, 0x0f000f000f000f00, 19
  li a1, 0xff00ff00ff00ff00
  c.or a1, a2
  CHECK_EQ a1, 0xfff0fff0fff0fff0, 20
  li a1, 0xff00ff00ff00ff00
  c.xor a1, a2
  CHECK_EQ a1, 0xf0f0f0f0f0f0f0f0, 21
  li a1, 3
  li a2, 7
  c.sub a1, a2
  CHECK_EQ a1, -4, 22
  li a1, 0x7fffffff
  li a2, 1
  c.addw a1, a2
  CHECK_EQ a1, 0xffffffff80000000, 23
  li a1, 0x80000000
  c.subw a1, a2
  CHECK_EQ a1, 0x7fffffff, 24
  li a1, 0
  c.subw a1, a2
  CHECK_EQ a1, -1, 25
  c.nop
  c.mv t3, a1                                 /* full register set for c.mv / c.add */
  c.add t3, t3
  CHECK_EQ t3, -2, 26

  /* Loads and stores (register-based and sp-based). */
  la s0, cdata
  c.lw a1, 0(s0)
  CHECK_EQ a1, 0xffffffff85868788, 30
  c.lw a1, 4(s0)
  CHECK_EQ a1, 0xffffffff81828384, 31
  c.ld a1, 8(s0)
  CHECK_EQ a1, 0x7172737475767778, 32
  li a2, 0x1122334455667788
  c.sd a2, 16(s0)
  c.sw a2, 24(s0)
  ld a1, 16(s0)
  CHECK_EQ a1, 0x1122334455667788, 33
  lwu a1, 24(s0)
  CHECK_EQ a1, 0x55667788, 34
  lwu a1, 28(s0)
  CHECK_EQ a1, 0, 35
  mv s1, sp
  mv sp, s0
  c.lwsp a1, 4(sp)
  c.ldsp a3, 8(sp)
  c.swsp a2, 32(sp)
  c.sdsp a2, 40(sp)
  mv sp, s1
  CHECK_EQ a1, 0xffffffff81828384, 36
  CHECK_EQ a3, 0x7172737475767778, 37
  lwu a1, 32(s0)
  CHECK_EQ a1, 0x55667788, 38
  ld a1, 40(s0)
  CHECK_EQ a1, 0x1122334455667788, 39
  c.fld fa1, 8(s0)
  fmv.x.d a1, fa1
  CHECK_EQ a1, 0x7172737475767778, 40
  c.fsd fa1, 48(s0)
  ld a1, 48(s0)
  CHECK_EQ a1, 0x7172737475767778, 41
  mv sp, s0
  c.fldsp ft1, 0(sp)
  c.fsdsp ft1, 56(sp)
  mv sp, s1
  ld a1, 56(s0)
  CHECK_EQ a1, 0x8182838485868788, 42

  /* Jumps and branches. */
  c.j 1f
  li a0, 50
  j fail
2:
  c.j 3f
1:
  c.j 2b                                     /* backward */
  li a0, 50
  j fail
3:
  CHECK_NUMBER 50
  la a1, 4f
  li ra, 0
  c.jr a1
  li a0, 51
  j fail
4:
  CHECK_EQ ra, 0, 51
  la a1, 5f
6:
  c.jalr a1                                  /* ra = pc + 2 */
7:
  li a0, 52
  j fail
5:
  la a4, 7b
  CHECK_REGS ra, a4, 52
  la a4, 6b
  addi a4, a4, 2
  CHECK_REGS ra, a4, 53
  li a1, 0
  c.beqz a1, 8f
  li a0, 54
  j fail
8:
  CHECK_NUMBER 54
  li a1, 1
  c.beqz a1, 9f
  c.bnez a1, 10f
9:
  li a0, 55
  j fail
10:
  CHECK_NUMBER 55
  li a1, 0
  c.bnez a1, 9b
  CHECK_NUMBER 56

  /* 32-bit jal at a 2-byte-aligned address links pc + 4; a 32-bit instruction there runs. */
  .balign 4
  c.nop
11:
  jal ra, 12f
13:
  li a0, 60
  j fail
12:
  la a4, 13b
  CHECK_REGS ra, a4, 60
  la a4, 11b
  andi a4, a4, 3
  CHECK_EQ a4, 2, 61
  /* jalr to a 2-byte-aligned target: no instruction-address-misaligned trap with C. */
  la a1, 14f
  jalr ra, 0(a1)
  li a0, 62
  j fail
  .balign 4
  c.nop
14:
  addi a3, zero, 7
  CHECK_EQ a3, 7, 62
  la a4, 14b
  andi a4, a4, 3
  CHECK_EQ a4, 2, 63

  /* c.ebreak: breakpoint, mepc at the 16-bit instruction. */
  EXPECT_TRAP 16f
15:
  c.ebreak
  li a0, 70
  j fail
16:
  CHECK_EQ s9, CAUSE_BREAKPOINT, 70
  la a4, 15b
  CHECK_REGS s10, a4, 71
  /* The all-zero 16-bit word is an illegal instruction; QEMU 7.2 writes its bits (0) to mtval. */
  EXPECT_TRAP 18f
17:
  .half 0
  li a0, 72
  j fail
18:
  CHECK_EQ s9, CAUSE_ILLEGAL, 72
  la a4, 17b
  CHECK_REGS s10, a4, 73
  CHECK_EQ s11, 0, 74
  j pass

  .data
  .align 3
cdata:
  .dword 0x8182838485868788
  .dword 0x7172737475767778
  .dword 0, 0, 0, 0, 0, 0
