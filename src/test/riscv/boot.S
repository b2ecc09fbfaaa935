/* Boot contract of -bios none -kernel: M-mode at the ELF entry, a0 = hart id, a1 = DTB. */
#include "common.h"

test_main:
  la s0, boot_regs
  ld a1, 0(s0)
  CHECK_EQ a1, 0, 1             /* a0 = hart id 0 */
  csrr a1, mhartid
  CHECK_EQ a1, 0, 2
  ld s1, 8(s0)                  /* a1 = DTB address: in RAM, 8-byte aligned, FDT magic */
  li t0, 0x80000000
  sltu a1, s1, t0
  CHECK_EQ a1, 0, 3
  li t0, 0x80000000 + (128 << 20)
  sltu a1, s1, t0
  CHECK_EQ a1, 1, 4
  andi a1, s1, 7
  CHECK_EQ a1, 0, 5
  lbu a1, 0(s1)
  CHECK_EQ a1, 0xd0, 6
  lbu a1, 1(s1)
  CHECK_EQ a1, 0x0d, 7
  lbu a1, 2(s1)
  CHECK_EQ a1, 0xfe, 8
  lbu a1, 3(s1)
  CHECK_EQ a1, 0xed, 9
  csrr a1, satp                 /* starts in bare mode, nothing delegated */
  CHECK_EQ a1, 0, 10
  la a1, zero_bss               /* .bss (memsz beyond filesz) reads as zero */
  ld a2, 0(a1)
  li t0, 4088
  add a1, a1, t0
  ld a3, 0(a1)
  or a2, a2, a3
  CHECK_EQ a2, 0, 11
  la a1, init_data              /* .data was loaded */
  ld a2, 0(a1)
  CHECK_EQ a2, 0x0123456789abcdef, 12
  j pass

  .data
  .align 3
init_data:
  .dword 0x0123456789abcdef
  .bss
  .align 12
zero_bss:
  .skip 4096
