/*
 * Body of the Sv39 and Sv48 tests (mmu_sv39.S, mmu_sv48.S define SATP_MODE first). S-mode with
 * page faults and ecall from U delegated to S. The Sv39-shaped table "top" (one entry = 1 GiB) is
 * the root in Sv39; in Sv48 the root's entry 0 points to it, so every mapping below is the same.
 *
 *   top[0]  gigapage -> 0 (devices), RW          top[1] -> l1
 *   top[2]  gigapage -> 0x8000_0000 (identity), RWX
 *   top[3]  gigapage va 0xC000_0000 -> 0x8000_0000, RW (alias)
 *   top[4]  misaligned gigapage (PPN not 1 GiB aligned)
 *   l1[0] -> l0    l1[1] megapage va 0x4020_0000 -> 0x8020_0000    l1[2] misaligned megapage
 *   l0[n] 4 KiB pages at va 0x4000_0000 + n * 0x1000, see below
 */

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80

#define VA_PAGES   0x40000000
#define VA(n)      (VA_PAGES + (n) * 0x1000)
#define PA_MEGA    0x80200000

/* table[index] = PTE for the physical address in register pa with flags. Clobbers t0-t2. */
.macro SET_PTE table, index, pa, flags
  srli t0, \pa, 12
  slli t0, t0, 10
  ori t0, t0, \flags
  la t1, \table
  li t2, (\index) * 8
  add t1, t1, t2
  sd t0, 0(t1)
.endm

/* Expects the access insn to raise page fault cause with stval = va (in a1), both as check n. */
.macro PAGE_FAULT n, cause, insn:vararg
  TRAPS \n, \insn
  CHECK_EQ s9, \cause, \n
  bne s11, a1, .Lbad\@
  j .Lok\@
.Lbad\@:
  li a0, \n
  j fail
.Lok\@:
.endm

/* Fixed offsets of the functions in code_page */
#define S_FUNC_OFF 0x000
#define U_FUNC_OFF 0x100
#define U_LOAD_OFF 0x200

test_main:
  /* Data: pageA[0] = 0x1111, pageB[0] = 0x2222, megapage word = 0x3333 */
  la a1, pageA
  li a2, 0x1111
  sd a2, 0(a1)
  la a1, pageB
  li a2, 0x2222
  sd a2, 0(a1)
  li a1, PA_MEGA + 0x1230
  li a2, 0x3333
  sd a2, 0(a1)

  /* Page tables */
  li a1, 0
  SET_PTE top, 0, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  la a1, l1
  SET_PTE top, 1, a1, PTE_V
  li a1, 0x80000000
  SET_PTE top, 2, a1, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
  SET_PTE top, 3, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li a1, PA_MEGA
  SET_PTE top, 4, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  la a1, l0
  SET_PTE l1, 0, a1, PTE_V
  li a1, PA_MEGA
  SET_PTE l1, 1, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li a1, PA_MEGA + 0x1000
  SET_PTE l1, 2, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  la a1, pageA
  SET_PTE l0, 0, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D  /* RW */
  SET_PTE l0, 1, a1, PTE_V | PTE_R | PTE_A                  /* read-only */
  /* l0[2] stays invalid */
  SET_PTE l0, 3, a1, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D  /* user */
  SET_PTE l0, 4, a1, PTE_V | PTE_X | PTE_A                  /* execute-only */
  SET_PTE l0, 8, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D  /* remapped later */
  SET_PTE l0, 9, a1, PTE_V | PTE_W | PTE_A | PTE_D          /* W without R: reserved */
  la a1, pageB
  SET_PTE l0, 5, a1, PTE_V | PTE_R | PTE_W                  /* A = D = 0 */
  SET_PTE l0, 12, a1, PTE_V | PTE_R                         /* A = 0, read-only */
  la a1, code_page
  SET_PTE l0, 6, a1, PTE_V | PTE_R | PTE_X | PTE_A
  SET_PTE l0, 7, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D  /* not executable */
  SET_PTE l0, 10, a1, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A /* user code */
#if SATP_MODE == 9
  la a1, top
  SET_PTE root, 0, a1, PTE_V
  li a1, 0                                                  /* 512 GiB terapage at va 2^39 */
  SET_PTE root, 1, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li a1, 0x80000000                                         /* misaligned terapage */
  SET_PTE root, 2, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  la a1, root
#else
  la a1, top
#endif
  srli a1, a1, 12
  li t0, SATP_MODE << 60
  or s1, a1, t0                             /* s1 = satp value */

  la t0, strap_vector
  csrw stvec, t0
  li t0, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | (1 << CAUSE_ECALL_U)
  csrw medeleg, t0
  csrw satp, s1
  sfence.vma
  csrr a1, satp
  CHECK_REGS a1, s1, 1

  /* M-mode with MPRV = 1 and MPP = S: loads and stores are translated */
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPP_S | MSTATUS_MPRV
  csrs mstatus, t0
  li a1, VA(0)
  ld a3, 0(a1)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_EQ a3, 0x1111, 2
  ENTER_MODE 1, s_main

s_main:
  /* 4 KiB page at an offset */
  li a1, VA(0)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 3
  li a2, 0xabcd
  sd a2, 8(a1)
  la a4, pageA
  ld a3, 8(a4)
  CHECK_EQ a3, 0xabcd, 4
  /* read-only alias */
  li a1, VA(1)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 5
  PAGE_FAULT 6, CAUSE_STORE_PAGE_FAULT, sd a2, 0(a1)
  CHECK_REGS s10, a4, 8                     /* sepc */
  andi a3, s8, MSTATUS_SPP
  CHECK_EQ a3, MSTATUS_SPP, 9
  /* invalid PTE: load, store and fetch faults, stval = the exact address */
  li a1, VA(2) + 0x10
  PAGE_FAULT 10, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
  PAGE_FAULT 12, CAUSE_STORE_PAGE_FAULT, sw a3, 0(a1)
  PAGE_FAULT 14, CAUSE_FETCH_PAGE_FAULT, jalr ra, 0(a1)
  CHECK_REGS s10, a1, 16                    /* sepc = the target */
  /* U page from S: only with SUM, and never for fetch */
  li a1, VA(3)
  PAGE_FAULT 17, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
  PAGE_FAULT 19, CAUSE_STORE_PAGE_FAULT, sd a3, 0(a1)
  li t0, MSTATUS_SUM
  csrs sstatus, t0
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 21
  sd a3, 16(a1)
  ld a3, 16(a1)
  CHECK_EQ a3, 0x1111, 22
  li a1, VA(10) + U_FUNC_OFF
  PAGE_FAULT 23, CAUSE_FETCH_PAGE_FAULT, jalr ra, 0(a1)
  li t0, MSTATUS_SUM
  csrc sstatus, t0
  /* execute-only page: loads need MXR */
  li a1, VA(4)
  PAGE_FAULT 25, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
  li t0, MSTATUS_MXR
  csrs sstatus, t0
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 27
  PAGE_FAULT 28, CAUSE_STORE_PAGE_FAULT, sd a3, 0(a1)
  li t0, MSTATUS_MXR
  csrc sstatus, t0
  /* A and D: QEMU 7.2 sets them in the PTE itself (no fault) */
  li a1, VA(5)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x2222, 30
  la a4, l0
  ld a3, 5 * 8(a4)
  andi a3, a3, PTE_A | PTE_D
  CHECK_EQ a3, PTE_A, 31
  sd a3, 8(a1)
  sfence.vma
  ld a3, 5 * 8(a4)
  andi a3, a3, PTE_A | PTE_D
  CHECK_EQ a3, PTE_A | PTE_D, 32
  li a1, VA(12)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x2222, 33
  ld a3, 12 * 8(a4)
  andi a3, a3, PTE_A | PTE_D
  CHECK_EQ a3, PTE_A, 34
  PAGE_FAULT 35, CAUSE_STORE_PAGE_FAULT, sd a3, 0(a1)  /* read-only: no D, a fault */
  la a4, l0
  ld a3, 12 * 8(a4)
  andi a3, a3, PTE_A | PTE_D
  CHECK_EQ a3, PTE_A, 37
  /* instruction fetch through a mapping at an offset; not from a page without X */
  li a1, VA(6) + S_FUNC_OFF
  li a3, 0
  jalr ra, 0(a1)
  CHECK_EQ a3, 42, 40
  li a1, VA(7) + S_FUNC_OFF
  PAGE_FAULT 41, CAUSE_FETCH_PAGE_FAULT, jalr ra, 0(a1)
  CHECK_REGS s10, a1, 43
  /* megapage, misaligned megapage, gigapage alias, misaligned gigapage */
  li a1, 0x40201230
  ld a3, 0(a1)
  CHECK_EQ a3, 0x3333, 44
  li a1, 0x40400000
  PAGE_FAULT 45, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
  la a1, pageA - 0x80000000 + 0xc0000000
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 47
  li a1, 0x100000000
  PAGE_FAULT 48, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
  /* reserved W-without-R */
  li a1, VA(9)
  PAGE_FAULT 50, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
  /* sfence.vma after changing a PTE */
  li a1, VA(8)
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 52
  la a2, pageB
  SET_PTE l0, 8, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sfence.vma
  ld a3, 0(a1)
  CHECK_EQ a3, 0x2222, 53
  la a2, pageA
  SET_PTE l0, 8, a2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sfence.vma a1, zero
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 54
  li t0, 0
  SET_PTE l0, 8, t0, 0
  sfence.vma a1
  PAGE_FAULT 55, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)

  /* U-mode: code on a U page runs; S pages fault; U pages work */
  li a1, VA(10) + U_FUNC_OFF
  li a2, 0
  li a3, 0
  EXPECT_TRAP 1f
  li t0, MSTATUS_SPP
  csrc sstatus, t0
  csrw sepc, a1
  sret
1:
  CHECK_EQ s9, CAUSE_ECALL_U, 60
  CHECK_EQ a3, 43, 61
  li a1, VA(10) + U_LOAD_OFF
  li a2, VA(3)
  EXPECT_TRAP 2f
  li t0, MSTATUS_SPP
  csrc sstatus, t0
  csrw sepc, a1
  sret
2:
  CHECK_EQ s9, CAUSE_ECALL_U, 62
  CHECK_EQ a3, 0x1111, 63
  li a1, VA(10) + U_LOAD_OFF
  li a2, VA(0)
  EXPECT_TRAP 3f
  li t0, MSTATUS_SPP | MSTATUS_SUM          /* SUM does not open S pages to U */
  csrs sstatus, t0
  li t0, MSTATUS_SPP
  csrc sstatus, t0
  csrw sepc, a1
  sret
3:
  CHECK_EQ s9, CAUSE_LOAD_PAGE_FAULT, 64
  li a1, VA(0)
  CHECK_REGS s11, a1, 65
  andi a3, s8, MSTATUS_SPP
  CHECK_EQ a3, 0, 66
  li t0, MSTATUS_SUM
  csrc sstatus, t0

  /* Addresses that are not canonical for the mode, and the Sv48 terapage */
#if SATP_MODE == 9
  li a1, 0x8000000000                       /* va 2^39 + pageA through the terapage */
  la a2, pageA
  add a1, a1, a2
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 70
  li a1, 0x10000000000                      /* misaligned terapage */
  PAGE_FAULT 71, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
  li a1, 0x0000800000000000                 /* bit 47 set, bits 63:48 clear */
  PAGE_FAULT 73, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
#else
  li a1, 0x0000008000000000                 /* bit 39 set, bits 63:40 clear */
  PAGE_FAULT 73, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)
#endif
  li a1, 0xffffffffc0000000                 /* canonical, top index, unmapped */
  PAGE_FAULT 75, CAUSE_LOAD_PAGE_FAULT, ld a3, 0(a1)

  /* satp mode 0 = bare, from S */
  csrw satp, zero
  sfence.vma
  la a1, pageA
  ld a3, 0(a1)
  CHECK_EQ a3, 0x1111, 80
  csrr a3, satp
  CHECK_EQ a3, 0, 81
  j pass

  .text
  .balign 4096
code_page:
  .org code_page + S_FUNC_OFF
  li a3, 42
  ret
  .org code_page + U_FUNC_OFF
  li a3, 43
  ecall
  .org code_page + U_LOAD_OFF
  ld a3, 0(a2)
  ecall
  .balign 4096

  .bss
  .balign 4096
root:
  .skip 4096
top:
  .skip 4096
l1:
  .skip 4096
l0:
  .skip 4096
pageA:
  .skip 4096
pageB:
  .skip 4096
