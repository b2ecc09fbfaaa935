/*
 * Cairn ISA tests: shared definitions, start-up code and check macros.
 *
 * Contract: linked at 0x8000_0000, entered in M-mode with a0 = hart id and a1 = DTB address
 * (QEMU virt, -bios none). PASS = 32-bit store of 0x5555 to the sifive test device at 0x100000;
 * FAIL n = store of (n << 16) | 0x3333, so the exit status names the failing check.
 *
 * Register conventions of the harness (test code must not use them for anything else):
 *   tp  (x4)  resume address for an EXPECTED trap (0 = any trap is unexpected)
 *   t6  (x31) scratch of the check macros
 *   s8, s9, s10, s11  status (mstatus/sstatus as the trap left it), cause, epc, tval of the
 *             last expected trap (written by the trap handlers)
 *
 * Numbers 1..250 are checks; 255 = unexpected M-mode trap (details printed on the UART).
 * Every check number may appear once per program (a duplicate is an assembly error).
 */

  .option nopic

#define TESTDEV       0x100000
#define UART_BASE     0x10000000
#define CLINT_BASE    0x2000000
#define CLINT_MSIP    (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000)
#define CLINT_MTIME   (CLINT_BASE + 0xbff8)

#define MSTATUS_SIE   0x2
#define MSTATUS_MIE   0x8
#define MSTATUS_SPIE  0x20
#define MSTATUS_MPIE  0x80
#define MSTATUS_SPP   0x100
#define MSTATUS_MPP   0x1800
#define MSTATUS_MPP_S 0x0800
#define MSTATUS_FS    0x6000
#define MSTATUS_FS_INITIAL 0x2000
#define MSTATUS_FS_DIRTY   0x6000
#define MSTATUS_MPRV  0x20000
#define MSTATUS_SUM   0x40000
#define MSTATUS_MXR   0x80000
#define MSTATUS_SD    0x8000000000000000

#define MIP_SSIP 0x2
#define MIP_MSIP 0x8
#define MIP_STIP 0x20
#define MIP_MTIP 0x80
#define MIP_SEIP 0x200
#define MIP_MEIP 0x800

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15

#define FFLAG_NX 0x01
#define FFLAG_UF 0x02
#define FFLAG_OF 0x04
#define FFLAG_DZ 0x08
#define FFLAG_NV 0x10

#define RM_RNE 0
#define RM_RTZ 1
#define RM_RDN 2
#define RM_RUP 3
#define RM_RMM 4

/* How many checks the program has (an absolute symbol in the object file). */
  .set cairn_check_count, 0

/* Defines a check number once; a second use of the same number fails to assemble. */
.macro CHECK_NUMBER n
  .set cairn_check_count, cairn_check_count + 1
  .if (\n < 1) || (\n > 250)
    .error "check numbers are 1..250"
  .endif
  .ifdef .Lcheck_seen_\n
    .error "duplicate check number \n"
  .endif
.Lcheck_seen_\n:
.endm

/* Fails with n unless reg == expected (64-bit compare). Clobbers t6. */
.macro CHECK_EQ reg, expected, n
  CHECK_NUMBER \n
  CHECK_EQ_AGAIN \reg, \expected, \n
.endm

/* Like CHECK_EQ for a number that already names a check (a second part of the same check). */
.macro CHECK_EQ_AGAIN reg, expected, n
  li t6, \expected
  beq \reg, t6, .Lok\@
  li a0, \n
  j fail
.Lok\@:
.endm

/* Fails with n unless reg1 == reg2. */
.macro CHECK_REGS reg1, reg2, n
  CHECK_NUMBER \n
  beq \reg1, \reg2, .Lok\@
  li a0, \n
  j fail
.Lok\@:
.endm

/* Fails with n unless reg != 0. */
.macro CHECK_NZ reg, n
  CHECK_NUMBER \n
  bnez \reg, .Lok\@
  li a0, \n
  j fail
.Lok\@:
.endm

/* Fails with n unless a register-register instruction gives expected. */
.macro TEST_RR n, inst, expected, v1, v2
  li a1, \v1
  li a2, \v2
  \inst a3, a1, a2
  CHECK_EQ a3, \expected, \n
.endm

/* Fails with n unless a register-immediate instruction gives expected. */
.macro TEST_RI n, inst, expected, v1, imm
  li a1, \v1
  \inst a3, a1, \imm
  CHECK_EQ a3, \expected, \n
.endm

/* Arms the handlers for an expected trap: execution resumes at label in M-mode (or S-mode for
   a trap taken in S-mode that was delegated) with cause/epc/tval in s9/s10/s11. */
.macro EXPECT_TRAP label
  la tp, \label
  li s8, -1
  li s9, -1
  li s10, -1
  li s11, -1
.endm

/* Runs one instruction that must trap (else fails with n); continues in M-mode (or in S-mode if
   the trap went to S) with a4 = the address of the instruction. Follow with checks numbered n... */
.macro TRAPS n, insn:vararg
  EXPECT_TRAP .Ltrapped\@
.Linsn\@:
  \insn
  li a0, \n
  j fail
.Ltrapped\@:
  la a4, .Linsn\@
.endm

/* Enters privilege mode (0 = U, 1 = S, 3 = M) at label with mret. Clobbers t0. */
.macro ENTER_MODE mode, label
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (\mode << 11)
  csrs mstatus, t0
  la t0, \label
  csrw mepc, t0
  mret
.endm

/* Returns to M-mode from any mode at label: an expected ecall. */
.macro BACK_TO_M label
  la tp, \label
  ecall
.endm

  .section .text.init, "ax"
  .option norvc
  .globl _start
_start:
  /* Remember the boot registers for the boot test. */
  la t6, boot_regs
  sd a0, 0(t6)
  sd a1, 8(t6)
  /* Open all of memory to S and U through PMP entry 0, if PMP is there at all. */
  la t0, 1f
  csrw mtvec, t0
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f
  csrw pmpcfg0, t0
  .align 2
1:
  la t0, trap_vector
  csrw mtvec, t0
  csrw mie, zero
  csrw mip, zero
  csrw medeleg, zero
  csrw mideleg, zero
  csrw satp, zero
  li t0, MSTATUS_FS_INITIAL
  csrw mstatus, t0
  csrw fcsr, zero
  la sp, _stack_top
  li tp, 0
  li s9, 0
  li s10, 0
  li s11, 0
  j test_main

/* PASS. */
  .globl pass
pass:
  fence
  li t0, TESTDEV
  li t1, 0x5555
  sw t1, 0(t0)
1:
  j 1b

/* FAIL with a0 = check number. */
  .globl fail
fail:
  fence
  slli a0, a0, 16
  li t1, 0x3333
  or a0, a0, t1
  li t0, TESTDEV
  sw a0, 0(t0)
1:
  j 1b

/* M-mode trap handler: an expected trap resumes at tp in M-mode; anything else fails with 255. */
  .align 2
  .globl trap_vector
trap_vector:
  beqz tp, unexpected_trap
  csrr s8, mstatus
  csrr s9, mcause
  csrr s10, mepc
  csrr s11, mtval
  csrw mepc, tp
  li tp, 0
  li t6, MSTATUS_MPP
  csrs mstatus, t6
  mret

unexpected_trap:
  la a0, msg_trap
  call puts
  csrr a0, mcause
  call puthex
  csrr a0, mepc
  call puthex
  csrr a0, mtval
  call puthex
  mv a0, s9
  call puthex
  mv a0, s10
  call puthex
  mv a0, s11
  call puthex
  li a0, '\n'
  call putc
  li a0, 255
  j fail

/* S-mode trap handler: an expected trap resumes at tp in S-mode; anything else is reported by
   an unexpected ecall to M-mode with scause/sepc/stval in s9/s10/s11. */
  .align 2
  .globl strap_vector
strap_vector:
  csrr s8, sstatus
  csrr s9, scause
  csrr s10, sepc
  csrr s11, stval
  beqz tp, 1f
  csrw sepc, tp
  li tp, 0
  li t6, MSTATUS_SPP
  csrs sstatus, t6
  sret
1:
  ecall

/* UART output (M-mode, polled). putc clobbers t0, t1. */
putc:
  li t0, UART_BASE
1:
  lbu t1, 5(t0)
  andi t1, t1, 0x20
  beqz t1, 1b
  sb a0, 0(t0)
  ret

puts:
  addi sp, sp, -16
  sd ra, 0(sp)
  sd s0, 8(sp)
  mv s0, a0
1:
  lbu a0, 0(s0)
  beqz a0, 2f
  call putc
  addi s0, s0, 1
  j 1b
2:
  ld ra, 0(sp)
  ld s0, 8(sp)
  addi sp, sp, 16
  ret

/* Prints " " and a0 as 16 hex digits. */
puthex:
  addi sp, sp, -32
  sd ra, 0(sp)
  sd s0, 8(sp)
  sd s1, 16(sp)
  mv s0, a0
  li a0, ' '
  call putc
  li s1, 60
1:
  srl a0, s0, s1
  andi a0, a0, 15
  addi a0, a0, '0'
  li t0, '9'
  ble a0, t0, 2f
  addi a0, a0, 'a' - '0' - 10
2:
  call putc
  addi s1, s1, -4
  bgez s1, 1b
  ld ra, 0(sp)
  ld s0, 8(sp)
  ld s1, 16(sp)
  addi sp, sp, 32
  ret

  .section .rodata
msg_trap:
  .string "unexpected trap: mcause mepc mtval s9 s10 s11:"

  .data
  .align 3
  .globl boot_regs
boot_regs:
  .dword 0, 0

  .text
