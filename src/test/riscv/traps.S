/* Synchronous traps: ecall from M/S/U, breakpoint, illegal instruction (mtval = the bits),
   mret/sret mode and interrupt-enable stacks, delegation to S, mstatus.FS = 0, access faults. */
#include "common.h"

test_main:
  /* ecall / ebreak / illegal from M */
  TRAPS 1, ecall
  CHECK_EQ s9, CAUSE_ECALL_M, 1
  CHECK_REGS s10, a4, 2
  CHECK_EQ s11, 0, 3
  TRAPS 4, ebreak
  CHECK_EQ s9, CAUSE_BREAKPOINT, 4
  CHECK_REGS s10, a4, 5
  CHECK_EQ s11, 0, 6                        /* QEMU 7.2: mtval = 0 for ebreak */
  TRAPS 7, unimp                            /* csrrw x0, cycle, x0 */
  CHECK_EQ s9, CAUSE_ILLEGAL, 7
  CHECK_REGS s10, a4, 8
  CHECK_EQ s11, 0xc0001073, 9               /* mtval = the instruction bits */
  TRAPS 10, .word 0x1234500b                /* custom-0 opcode */
  CHECK_EQ s9, CAUSE_ILLEGAL, 10
  CHECK_EQ s11, 0x1234500b, 11

  /* ecall from S and U: cause, epc, and mstatus.MPP saved by the trap. */
  ENTER_MODE 1, 2f
2:
  TRAPS 13, ecall
  CHECK_EQ s9, CAUSE_ECALL_S, 13
  CHECK_REGS s10, a4, 14
  srli a1, s8, 11
  andi a1, a1, 3
  CHECK_EQ a1, 1, 15
  ENTER_MODE 0, 3f
3:
  TRAPS 16, ecall
  CHECK_EQ s9, CAUSE_ECALL_U, 16
  CHECK_REGS s10, a4, 17
  srli a1, s8, 11
  andi a1, a1, 3
  CHECK_EQ a1, 0, 18

  /* mret to S: S CSRs work, M CSRs are illegal. mret to U: S CSRs are illegal too. */
  ENTER_MODE 1, 4f
4:
  csrr a1, sstatus
  TRAPS 20, csrr a1, mstatus
  CHECK_EQ s9, CAUSE_ILLEGAL, 20
  srli a1, s8, 11
  andi a1, a1, 3
  CHECK_EQ a1, 1, 21
  ENTER_MODE 0, 5f
5:
  TRAPS 22, csrr a1, sstatus
  CHECK_EQ s9, CAUSE_ILLEGAL, 22
  srli a1, s8, 11
  andi a1, a1, 3
  CHECK_EQ a1, 0, 23
  ENTER_MODE 1, 6f
6:
  TRAPS 24, mret                            /* mret in S is illegal */
  CHECK_EQ s9, CAUSE_ILLEGAL, 24

  /* mret: MIE <- MPIE, MPIE <- 1, MPP <- U. (mie = 0, so no interrupt can be taken.) */
  li t0, MSTATUS_MIE
  csrc mstatus, t0
  li t0, MSTATUS_MPIE | MSTATUS_MPP
  csrs mstatus, t0
  la t0, 7f
  csrw mepc, t0
  mret
7:
  csrr a1, mstatus
  andi a2, a1, MSTATUS_MIE
  CHECK_EQ a2, MSTATUS_MIE, 30
  andi a2, a1, MSTATUS_MPIE
  CHECK_EQ a2, MSTATUS_MPIE, 31
  li t0, MSTATUS_MPP
  and a2, a1, t0
  CHECK_EQ a2, 0, 32
  /* trap entry: MPIE <- MIE, MIE <- 0, MPP <- M */
  TRAPS 33, ecall
  andi a2, s8, MSTATUS_MIE
  CHECK_EQ a2, 0, 33
  andi a2, s8, MSTATUS_MPIE
  CHECK_EQ a2, MSTATUS_MPIE, 34
  li t0, MSTATUS_MPP
  and a2, s8, t0
  CHECK_REGS a2, t0, 35
  /* mret with MPIE = 0 clears MIE and sets MPIE */
  li t0, MSTATUS_MPIE
  csrc mstatus, t0
  li t0, MSTATUS_MIE | MSTATUS_MPP
  csrs mstatus, t0
  la t0, 8f
  csrw mepc, t0
  mret
8:
  csrr a1, mstatus
  andi a2, a1, MSTATUS_MIE
  CHECK_EQ a2, 0, 36
  andi a2, a1, MSTATUS_MPIE
  CHECK_EQ a2, MSTATUS_MPIE, 37

  /* sret from S: SPP = 0 goes to U with SIE <- SPIE, SPIE <- 1, SPP <- U */
  ENTER_MODE 1, 9f
9:
  li t0, MSTATUS_SPIE
  csrs sstatus, t0
  li t0, MSTATUS_SIE | MSTATUS_SPP
  csrc sstatus, t0
  la t0, 10f
  csrw sepc, t0
  sret
10:
  TRAPS 40, ecall
  CHECK_EQ s9, CAUSE_ECALL_U, 40
  andi a2, s8, MSTATUS_SIE
  CHECK_EQ a2, MSTATUS_SIE, 41
  andi a2, s8, MSTATUS_SPIE
  CHECK_EQ a2, MSTATUS_SPIE, 42
  li t0, MSTATUS_SIE
  csrc mstatus, t0
  /* sret with SPP = 1 stays in S */
  ENTER_MODE 1, 11f
11:
  li t0, MSTATUS_SPP
  csrs sstatus, t0
  la t0, 12f
  csrw sepc, t0
  sret
12:
  TRAPS 43, ecall
  CHECK_EQ s9, CAUSE_ECALL_S, 43

  /* Delegation: ecall from U, illegal instruction and breakpoint go to S. */
  la t0, strap_vector
  csrw stvec, t0
  li t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT)
  csrw medeleg, t0
  csrw mcause, zero
  ENTER_MODE 0, 13f
13:
  TRAPS 50, ecall                           /* to S; resumes in S */
  CHECK_EQ s9, CAUSE_ECALL_U, 50
  CHECK_REGS s10, a4, 51
  andi a2, s8, MSTATUS_SPP
  CHECK_EQ a2, 0, 52
  TRAPS 53, csrr a1, mcause                 /* really in S: M CSRs are illegal (to S as well) */
  CHECK_EQ s9, CAUSE_ILLEGAL, 53
  andi a2, s8, MSTATUS_SPP
  CHECK_EQ a2, MSTATUS_SPP, 54
  TRAPS 55, unimp
  CHECK_EQ s9, CAUSE_ILLEGAL, 55
  CHECK_REGS s10, a4, 56
  CHECK_EQ s11, 0xc0001073, 57              /* stval = the instruction bits */
  TRAPS 58, ebreak
  CHECK_EQ s9, CAUSE_BREAKPOINT, 58
  CHECK_REGS s10, a4, 59
  TRAPS 60, ecall                           /* ecall from S is not delegated: to M */
  CHECK_EQ s9, CAUSE_ECALL_S, 60
  csrr a1, mcause                           /* M-mode now */
  CHECK_EQ a1, CAUSE_ECALL_S, 61
  TRAPS 62, unimp                           /* traps from M never go to S */
  CHECK_EQ s9, CAUSE_ILLEGAL, 62
  csrr a1, mcause
  CHECK_EQ a1, CAUSE_ILLEGAL, 63
  csrr a1, scause                           /* unchanged since the last delegated trap */
  CHECK_EQ a1, CAUSE_BREAKPOINT, 64
  csrw medeleg, zero

  /* mstatus.FS = 0: FP instructions and fcsr are illegal. */
  li t0, MSTATUS_FS
  csrc mstatus, t0
  TRAPS 70, fadd.d f1, f2, f3
  CHECK_EQ s9, CAUSE_ILLEGAL, 70
  lwu a5, 0(a4)
  CHECK_REGS s11, a5, 71
  TRAPS 72, csrr a1, fcsr
  CHECK_EQ s9, CAUSE_ILLEGAL, 72
  TRAPS 73, fmv.x.d a1, f1
  CHECK_EQ s9, CAUSE_ILLEGAL, 73
  la a1, fdata
  TRAPS 74, fld f1, 0(a1)
  CHECK_EQ s9, CAUSE_ILLEGAL, 74
  .option push
  .option rvc
  TRAPS 75, c.fld f8, 0(a1)
  .option pop
  CHECK_EQ s9, CAUSE_ILLEGAL, 75
  CHECK_REGS s10, a4, 76
  lhu a5, 0(a4)
  CHECK_REGS s11, a5, 77                    /* 16-bit instruction bits */
  /* FS = Initial; writing an f register makes it Dirty and sets SD. */
  li t0, MSTATUS_FS_INITIAL
  csrs mstatus, t0
  fmv.d.x f1, zero
  csrr a1, mstatus
  li t0, MSTATUS_FS
  and a2, a1, t0
  CHECK_EQ a2, MSTATUS_FS_DIRTY, 78
  srli a2, a1, 63
  CHECK_EQ a2, 1, 79

  /* Access faults: nothing at physical 0x800 on virt. mtval = the address. */
  li a1, 0x800
  TRAPS 80, ld a2, 0(a1)
  CHECK_EQ s9, CAUSE_LOAD_ACCESS, 80
  CHECK_EQ s11, 0x800, 81
  TRAPS 82, sw a2, 8(a1)
  CHECK_EQ s9, CAUSE_STORE_ACCESS, 82
  CHECK_EQ s11, 0x808, 83
  TRAPS 84, jalr ra, 0(a1)
  CHECK_EQ s9, CAUSE_FETCH_ACCESS, 84
  CHECK_EQ s10, 0x800, 85
  CHECK_EQ s11, 0x800, 86

  /* A jump to a 2-byte-aligned target is not misaligned (C is enabled). */
  la a1, target2
  jalr ra, 0(a1)
  CHECK_EQ a3, 99, 90
  j pass

  .option push
  .option rvc
  .balign 4
  c.nop
target2:
  li a3, 99
  ret
  .option pop

  .data
  .align 3
fdata:
  .dword 0
