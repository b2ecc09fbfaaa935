package dev.cairn.cpu;

import dev.cairn.state.StateDescription;

/**
 * The saved state of a {@link Hart}: integer and FP registers, pc, privilege, every CSR field,
 * the LR/SC reservation and WFI.
 *
 * <p>Reference: RISC-V Privileged ISA 20211203, chapter 3 (machine CSRs) and 4 (supervisor CSRs).
 *
 * <p>Not saved: {@code mipLines} (the CLINT and PLIC re-drive those bits when they load), the
 * hart id (configuration), and caches (TLBs, decoded code, the fetch shortcut), which postLoad
 * drops so they are rebuilt from the loaded satp, mstatus and privilege.
 */
public final class HartState {

  /** Version 1: the RV64GC hart as of the first savevm stream. */
  public static final StateDescription<Hart> DESCRIPTION = describe();

  private HartState() {}

  private static StateDescription<Hart> describe() {
    StateDescription.Builder<Hart> b =
        StateDescription.builder("hart", Hart.class).version(1).minimumVersion(1);
    for (int i = 1; i < 32; i++) {
      final int r = i;
      b.u64("x" + r, h -> h.x[r], (h, v) -> h.x[r] = v);
    }
    b.u64("pc", h -> h.pc, (h, v) -> h.pc = v);
    for (int i = 0; i < 32; i++) {
      final int r = i;
      b.u64("f" + r, h -> h.f[r], (h, v) -> h.f[r] = v);
    }
    b.u8("priv", h -> h.priv, (h, v) -> h.priv = v)
        .check((h, v) -> v == Hart.PRIV_U || v == Hart.PRIV_S || v == Hart.PRIV_M,
            "privilege 0 (U), 1 (S) or 3 (M)");
    b.u64("mstatus", h -> h.mstatus, (h, v) -> h.mstatus = v)
        .u64("medeleg", h -> h.medeleg, (h, v) -> h.medeleg = v)
        .u64("mideleg", h -> h.mideleg, (h, v) -> h.mideleg = v)
        .u64("mie", h -> h.mie, (h, v) -> h.mie = v)
        .u64("mtvec", h -> h.mtvec, (h, v) -> h.mtvec = v)
        .u64("mcounteren", h -> h.mcounteren, (h, v) -> h.mcounteren = v)
        .u64("menvcfg", h -> h.menvcfg, (h, v) -> h.menvcfg = v)
        .u64("mscratch", h -> h.mscratch, (h, v) -> h.mscratch = v)
        .u64("mepc", h -> h.mepc, (h, v) -> h.mepc = v)
        .u64("mcause", h -> h.mcause, (h, v) -> h.mcause = v)
        .u64("mtval", h -> h.mtval, (h, v) -> h.mtval = v)
        .u64("stvec", h -> h.stvec, (h, v) -> h.stvec = v)
        .u64("scounteren", h -> h.scounteren, (h, v) -> h.scounteren = v)
        .u64("senvcfg", h -> h.senvcfg, (h, v) -> h.senvcfg = v)
        .u64("sscratch", h -> h.sscratch, (h, v) -> h.sscratch = v)
        .u64("sepc", h -> h.sepc, (h, v) -> h.sepc = v)
        .u64("scause", h -> h.scause, (h, v) -> h.scause = v)
        .u64("stval", h -> h.stval, (h, v) -> h.stval = v)
        .u64("satp", h -> h.satp, (h, v) -> h.satp = v)
        .u64("mcountinhibit", h -> h.mcountinhibit, (h, v) -> h.mcountinhibit = v)
        .i64s("pmpcfg", 16, h -> h.pmpcfg)
        .i64s("pmpaddr", 64, h -> h.pmpaddr)
        .u64("mipSoftware", h -> h.mipSoftware, (h, v) -> h.mipSoftware = v)
        .u8("frm", h -> h.frm, (h, v) -> h.frm = v)
        .check((h, v) -> v < 8, "a 3-bit rounding mode")
        .u8("fflags", h -> h.fpu.flags, (h, v) -> h.fpu.flags = v)
        .check((h, v) -> v < 32, "5 accrued-exception bits")
        .u64("instret", h -> h.instret, (h, v) -> h.instret = v)
        .bool("reservationValid", h -> h.reservationValid, (h, v) -> h.reservationValid = v)
        .u64("reservationAddress", h -> h.reservationAddress, (h, v) -> h.reservationAddress = v)
        .bool("waitingForInterrupt", h -> h.waitingForInterrupt,
            (h, v) -> h.waitingForInterrupt = v)
        .postLoad((h, fromVersion) -> {
          // Translations and decoded code belong to the state we replaced.
          h.flushCaches();
          h.endBatch = true;
        });
    return b.build();
  }
}
