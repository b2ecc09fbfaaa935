/* Interrupts: CLINT timer and software interrupts, SSIP by software, delegation to S, priority,
   wfi waking with mstatus.MIE = 0, vectored mtvec. */
#include "common.h"

/* s7 counts interrupts taken; s9/s10/s11 = cause, epc and mip (M) at the last one. */

/* Waits (bounded) until s7 reaches count; fails with n if it does not. */
.macro WAIT_IRQS count, n
  li t0, 20000000
.Lw\@:
  li t1, \count
  beq s7, t1, .Ld\@
  addi t0, t0, -1
  bnez t0, .Lw\@
  li a0, \n
  j fail
.Ld\@:
.endm

/* "Never": far in the future but small enough that QEMU 7.2's conversion to nanoseconds does not
   overflow (with mtimecmp = -1 its timer wraps round and raises MTIP at a random moment). */
#define MTIMECMP_FAR 0x0010000000000000

.macro SET_MTIMECMP reg
  li t1, CLINT_MTIMECMP
  sd \reg, 0(t1)
.endm

test_main:
  li s7, 0
  la t0, irq_handler
  csrw mtvec, t0
  la t0, s_irq_handler
  csrw stvec, t0

  /* Machine timer */
  li a1, MTIMECMP_FAR
  SET_MTIMECMP a1
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  CHECK_EQ a1, 0, 1
  SET_MTIMECMP zero                         /* mtime >= 0: pending at once */
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  CHECK_EQ a1, MIP_MTIP, 2
  li t0, MIP_MTIP
  csrw mie, t0
  nop
  nop
  CHECK_EQ s7, 0, 3                         /* mstatus.MIE = 0: not taken */
  csrsi mstatus, MSTATUS_MIE
1:
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s7, 1, 4                         /* taken right after the csrs */
  CHECK_EQ s9, 0x8000000000000007, 5
  la a1, 1b
  CHECK_REGS s10, a1, 6
  li t0, CLINT_MTIME                        /* a timer in the future */
  ld a1, 0(t0)
  li t0, 10000                              /* 1 ms at 10 MHz */
  add s0, a1, t0
  SET_MTIMECMP s0
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  CHECK_EQ a1, 0, 7
  li t0, MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQS 2, 8
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s9, 0x8000000000000007, 9
  andi a1, s11, MIP_MTIP
  CHECK_EQ a1, MIP_MTIP, 10
  li t0, CLINT_MTIME
  ld a1, 0(t0)
  sltu a1, a1, s0
  CHECK_EQ a1, 0, 11                        /* mtime >= mtimecmp by then */
  li a1, MTIMECMP_FAR
  SET_MTIMECMP a1                           /* moving mtimecmp clears MTIP */
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  CHECK_EQ a1, 0, 12
  li t0, MIP_MTIP                           /* MTIP is read-only in mip */
  csrs mip, t0
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  CHECK_EQ a1, 0, 13

  /* Machine software interrupt through CLINT msip */
  li s1, CLINT_MSIP
  li a1, 1
  sw a1, 0(s1)
  csrr a1, mip
  andi a1, a1, MIP_MSIP
  CHECK_EQ a1, MIP_MSIP, 20
  li t0, MIP_MSIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s7, 3, 21
  CHECK_EQ s9, 0x8000000000000003, 22
  sw zero, 0(s1)
  csrr a1, mip
  andi a1, a1, MIP_MSIP
  CHECK_EQ a1, 0, 23

  /* SSIP set by M software, not delegated: an M-mode interrupt with cause 1 */
  csrsi mip, MIP_SSIP
  csrr a1, mip
  andi a1, a1, MIP_SSIP
  CHECK_EQ a1, MIP_SSIP, 24
  li t0, MIP_SSIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s7, 4, 25
  CHECK_EQ s9, 0x8000000000000001, 26
  csrci mip, MIP_SSIP

  /* Priority: MSI before MTI when both are pending and enabled. (Mixed M/S priority is not
     checked: QEMU 7.2 without AIA takes the lowest-numbered pending interrupt, so SSI would win
     over MSI and MTI, against the spec's MEI > MSI > MTI > SEI > SSI > STI.) */
  li a1, 1
  sw a1, 0(s1)
  SET_MTIMECMP zero
  li t0, MIP_MSIP | MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s9, 0x8000000000000003, 27
  sw zero, 0(s1)
  li t0, MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s9, 0x8000000000000007, 28
  li a1, MTIMECMP_FAR
  SET_MTIMECMP a1
  CHECK_EQ s7, 6, 30

  /* Supervisor software interrupt delegated to S */
  li t0, MIP_SSIP
  csrw mideleg, t0
  csrw mie, t0
  csrsi mip, MIP_SSIP                       /* pending, delegated: never taken in M */
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s7, 6, 31
  csrci mip, MIP_SSIP
  ENTER_MODE 1, 2f
2:
  csrsi sstatus, MSTATUS_SIE
  csrsi sip, MIP_SSIP                       /* S software sets its own SSIP */
3:
  csrci sstatus, MSTATUS_SIE
  CHECK_EQ s7, 7, 32
  CHECK_EQ s9, 0x8000000000000001, 33
  la a1, 3b
  CHECK_REGS s10, a1, 34
  li t0, MIP_SSIP                           /* the handler disabled sie; enable it again */
  csrs sie, t0
  csrsi sip, MIP_SSIP                       /* S with SIE = 0: stays pending */
  nop
  CHECK_EQ s7, 7, 35
  li t0, MSTATUS_SPP                        /* to U: taken at once, whatever SIE */
  csrc sstatus, t0
  la t0, 4f
  csrw sepc, t0
  sret
4:
  mv s5, s10
  BACK_TO_M 5f
5:
  CHECK_EQ s7, 8, 36
  la a1, 4b
  CHECK_REGS s5, a1, 37                    /* sepc of the interrupt = first U instruction */
  CHECK_EQ s9, CAUSE_ECALL_U, 38            /* (the trap to M after it) */

  /* Supervisor timer interrupt: M sets mip.STIP, delegated to S */
  li t0, MIP_STIP
  csrw mideleg, t0
  csrw mie, t0
  csrs mip, t0
  csrr a1, mip
  andi a1, a1, MIP_STIP
  CHECK_EQ a1, MIP_STIP, 39
  ENTER_MODE 1, 6f
6:
  csrsi sstatus, MSTATUS_SIE
  nop
  csrci sstatus, MSTATUS_SIE
  BACK_TO_M 7f
7:
  CHECK_EQ s7, 9, 40
  csrr a1, scause
  CHECK_EQ a1, 0x8000000000000005, 41
  li t0, MIP_STIP
  csrc mip, t0
  csrw mideleg, zero
  csrw mie, zero

  /* wfi with mstatus.MIE = 0 wakes when a timer interrupt is pending and enabled in mie */
  csrci mstatus, MSTATUS_MIE                /* (mret from the ecall above set MIE = MPIE = 1) */
  li t0, CLINT_MTIME
  ld a1, 0(t0)
  li t0, 5000
  add a1, a1, t0
  SET_MTIMECMP a1
  li t0, MIP_MTIP
  csrw mie, t0
  li s0, 100000
8:
  wfi
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  bnez a1, 9f
  addi s0, s0, -1
  bnez s0, 8b
9:
  CHECK_EQ a1, MIP_MTIP, 50
  CHECK_EQ s7, 9, 51                       /* woke without taking the interrupt */
  csrw mie, zero
  li a1, MTIMECMP_FAR
  SET_MTIMECMP a1

  /* Vectored mtvec: interrupts at base + 4 * cause, exceptions at base */
  la t0, vec_table + 1
  csrw mtvec, t0
  SET_MTIMECMP zero
  li t0, MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s6, 7, 60
  CHECK_EQ s9, 0x8000000000000007, 61
  li a1, MTIMECMP_FAR
  SET_MTIMECMP a1
  li a1, 1
  sw a1, 0(s1)
  li t0, MIP_MSIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s6, 3, 62
  sw zero, 0(s1)
  csrsi mip, MIP_SSIP
  li t0, MIP_SSIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ s6, 1, 63
  csrci mip, MIP_SSIP
  TRAPS 64, ecall
  CHECK_EQ s6, 100, 64
  CHECK_EQ s9, CAUSE_ECALL_M, 65
  CHECK_EQ s7, 12, 66
  la t0, trap_vector
  csrw mtvec, t0
  j pass

/* M handler: interrupts are counted and then masked (mie = 0); exceptions go to trap_vector. */
  .align 2
irq_handler:
  csrr t6, mcause
  bltz t6, 1f
  j trap_vector
1:
  mv s9, t6
  csrr s10, mepc
  csrr s11, mip
  csrw mie, zero
  addi s7, s7, 1
  mret

/* S handler: interrupts are counted and masked (sie = 0, SSIP cleared). */
  .align 2
s_irq_handler:
  csrr t6, scause
  bltz t6, 1f
  j strap_vector
1:
  mv s9, t6
  csrr s10, sepc
  csrw sie, zero
  csrci sip, MIP_SSIP
  addi s7, s7, 1
  sret

  .align 8
vec_table:
  j vec_exception
  j vec_1
  j vec_unexpected
  j vec_3
  j vec_unexpected
  j vec_unexpected
  j vec_unexpected
  j vec_7
  j vec_unexpected
  j vec_unexpected
  j vec_unexpected
  j vec_unexpected
vec_exception:
  li s6, 100
  j trap_vector
vec_1:
  li s6, 1
  j irq_handler
vec_3:
  li s6, 3
  j irq_handler
vec_7:
  li s6, 7
  j irq_handler
vec_unexpected:
  li s6, 200
  j irq_handler
