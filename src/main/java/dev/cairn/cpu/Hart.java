package dev.cairn.cpu;

import dev.cairn.cpu.fpu.SoftFpu;
import dev.cairn.memory.GuestRam;
import dev.cairn.memory.PhysicalBus;
import dev.cairn.memory.WriteProtectListener;

/**
 * One RV64GC hart: registers, privilege, CSRs, and the interpreter loop.
 *
 * <p>Everything here runs on the vCPU thread. Other threads talk to the hart only through {@link
 * WriteProtectListener#writeProtectAll} (which waits for the next batch boundary) and through the
 * machine, which stops the vCPU before touching hart state.
 *
 * <p>The base integer ISA and M are executed inline in {@link #execute}; atomics, floating point
 * and system instructions are handed to {@link AtomicUnit}, {@link FpUnit} and {@link
 * SystemUnit}.
 *
 * <p>Reference: RISC-V Unprivileged ISA 20191213 (RV64I chapter 5, M chapter 7); Privileged ISA
 * 20211203, chapter 3 (machine level) and 4 (supervisor level).
 */
public final class Hart implements InterruptTarget, WriteProtectListener, GuestRam.CodeWriteListener {

  public static final int PRIV_U = 0;
  public static final int PRIV_S = 1;
  public static final int PRIV_M = 3;

  /** x0..x31 plus the write sink at index 32 (see {@link Insn#ZERO_SINK}). */
  final long[] x = new long[33];
  /** f0..f31 as raw bits; singles are NaN-boxed. */
  final long[] f = new long[32];
  long pc;
  int priv = PRIV_M;

  // CSR state (see CsrFile for their access rules)
  long mstatus = Csr.MSTATUS_XLEN64;
  long medeleg;
  long mideleg;
  long mie;
  long mtvec;
  long mcounteren;
  long menvcfg;
  long mscratch;
  long mepc;
  long mcause;
  long mtval;
  long stvec;
  long scounteren;
  long senvcfg;
  long sscratch;
  long sepc;
  long scause;
  long stval;
  long satp;
  long mcountinhibit;
  final long[] pmpcfg = new long[16];
  final long[] pmpaddr = new long[64];
  /** mip bits written by software (SSIP, STIP, SEIP). */
  long mipSoftware;
  /** mip bits driven by interrupt controllers (MSIP, MTIP, MEIP, SEIP). */
  long mipLines;
  int frm;
  long instret;

  boolean reservationValid;
  long reservationAddress;

  final SoftFpu fpu = new SoftFpu();
  final Trap trap = new Trap();
  final Mmu mmu;
  final GuestRam ram;
  final TimeSource time;
  private final long hartId;

  /**
   * The code page of the last fetch and its virtual page number, so that straight-line code skips
   * the TLB. {@link Mmu} resets it whenever a fetch translation may have changed.
   */
  long fetchVpage = -1;
  CodePage fetchCodePage;
  /**
   * Translates hot blocks to bytecode; null runs everything in the interpreter. System
   * properties, read when the hart is made, let tests and benchmarks compare: {@code
   * cairn.jit=false} turns it off, {@code cairn.jit.threshold=N} compiles a block once its first
   * instruction was interpreted N times (1: at once).
   */
  private final BlockCompiler compiler =
      Boolean.parseBoolean(System.getProperty("cairn.jit", "true"))
          ? new BlockCompiler(Integer.getInteger("cairn.jit.threshold", 8_000))
          : null;

  /** Set by an instruction that must end the batch (WFI, interrupt-enable changes, mode change). */
  boolean endBatch;
  /** The hart executed WFI and waits for an interrupt. */
  boolean waitingForInterrupt;
  /** Guards {@link #batchThread} and {@link #writeProtectRequested}. */
  private final Object writeProtectLock = new Object();
  /** The thread inside {@link #run}, or null between batches. */
  private Thread batchThread;
  private boolean writeProtectRequested;

  public Hart(long hartId, PhysicalBus bus, TimeSource time) {
    this.hartId = hartId;
    this.ram = bus.ram();
    this.time = time;
    this.mmu = new Mmu(this, bus);
    ram.setCodeWriteListener(this);
    ram.dirtyLog().addListener(this);
    reset(0);
  }

  /** Puts the hart in its reset state: M-mode at {@code resetPc}, interrupts off, MMU off. */
  public void reset(long resetPc) {
    java.util.Arrays.fill(x, 0);
    java.util.Arrays.fill(f, 0);
    pc = resetPc;
    priv = PRIV_M;
    mstatus = Csr.MSTATUS_XLEN64;
    medeleg = mideleg = mie = mtvec = mcounteren = menvcfg = mscratch = mepc = mcause = mtval = 0;
    stvec = scounteren = senvcfg = sscratch = sepc = scause = stval = satp = 0;
    mcountinhibit = 0;
    java.util.Arrays.fill(pmpcfg, 0);
    java.util.Arrays.fill(pmpaddr, 0);
    mipSoftware = 0;
    frm = 0;
    fpu.flags = 0;
    reservationValid = false;
    waitingForInterrupt = false;
    mmu.dropAllCode();
    mmu.flushAll();
    mmu.modeChanged();
  }

  public long hartId() {
    return hartId;
  }

  // ---- register access for loaders, the monitor and state descriptions ----

  public long pc() {
    return pc;
  }

  public void setPc(long pc) {
    this.pc = pc;
  }

  public long register(int index) {
    return index == 0 ? 0 : x[index];
  }

  public void setRegister(int index, long value) {
    if (index != 0) {
      x[index] = value;
    }
  }

  public long fpRegister(int index) {
    return f[index];
  }

  public int privilege() {
    return priv;
  }

  public long instret() {
    return instret;
  }

  public boolean isWaitingForInterrupt() {
    return waitingForInterrupt;
  }

  /** Reads any CSR as M-mode would (for the monitor and tests); unknown ones read as 0. */
  public long debugReadCsr(int csr) {
    try {
      return CsrFile.read(this, csr, PRIV_M);
    } catch (Trap t) {
      return 0;
    }
  }

  /** Ends the current batch after this instruction (a device wants the vCPU loop's attention). */
  public void endBatch() {
    endBatch = true;
  }

  /**
   * Deterministic clock only: while waiting for an interrupt, let the instruction count run on to
   * {@code instructions}, as an idle hart under QEMU's {@code -icount} lets virtual time pass.
   */
  public void skipIdleUntil(long instructions) {
    if (waitingForInterrupt && instructions > instret) {
      instret = instructions;
    }
  }

  // ---- interrupts ----

  @Override
  public void setInterruptPending(int cause, boolean level) {
    long bit = 1L << cause;
    mipLines = level ? mipLines | bit : mipLines & ~bit;
  }

  long mip() {
    return mipSoftware | mipLines;
  }

  /**
   * mip as a CSRRS/CSRRC read-modify-write sees it: SEIP is only the software-written bit, not the
   * PLIC's line, or clearing STIP while an external interrupt is pending would latch SEIP on for
   * good (privileged spec 3.1.9).
   */
  long mipForModify() {
    return mipSoftware | (mipLines & ~Csr.SEIP_BIT);
  }

  /** Returns true if an interrupt is pending and enabled in mie (what wakes WFI). */
  public boolean hasPendingInterrupt() {
    return (mip() & mie) != 0;
  }

  /** Order in which simultaneous interrupts are taken (privileged spec 3.1.9). */
  private static final int[] PRIORITY = {
    InterruptTarget.MEIP, InterruptTarget.MSIP, InterruptTarget.MTIP,
    InterruptTarget.SEIP, InterruptTarget.SSIP, InterruptTarget.STIP
  };

  /** Takes the highest-priority enabled interrupt, if any; returns true if one was taken. */
  boolean takeInterrupt() {
    long pending = mip() & mie;
    if (pending == 0) {
      return false;
    }
    waitingForInterrupt = false;
    long enabled = 0;
    if (priv < PRIV_M || (mstatus & Csr.MSTATUS_MIE) != 0) {
      enabled = pending & ~mideleg;
    }
    if (enabled == 0 && (priv < PRIV_S || (priv == PRIV_S && (mstatus & Csr.MSTATUS_SIE) != 0))) {
      enabled = pending & mideleg;
    }
    if (enabled == 0) {
      return false;
    }
    for (int cause : PRIORITY) {
      if ((enabled & (1L << cause)) != 0) {
        enterTrap(cause, true, 0);
        return true;
      }
    }
    return false;
  }

  /** Enters the trap handler for {@code cause}: delegation, xEPC/xCAUSE/xTVAL, status stack. */
  void enterTrap(int cause, boolean interrupt, long tval) {
    long delegation = interrupt ? mideleg : medeleg;
    long causeValue = interrupt ? (1L << 63) | cause : cause;
    if (priv <= PRIV_S && ((delegation >>> cause) & 1) != 0) {
      scause = causeValue;
      sepc = pc;
      stval = tval;
      long s = mstatus;
      s = (s & Csr.MSTATUS_SIE) != 0 ? s | Csr.MSTATUS_SPIE : s & ~Csr.MSTATUS_SPIE;
      s &= ~Csr.MSTATUS_SIE;
      s = priv == PRIV_S ? s | Csr.MSTATUS_SPP : s & ~Csr.MSTATUS_SPP;
      mstatus = s;
      priv = PRIV_S;
      pc = vector(stvec, cause, interrupt);
    } else {
      mcause = causeValue;
      mepc = pc;
      mtval = tval;
      long s = mstatus;
      s = (s & Csr.MSTATUS_MIE) != 0 ? s | Csr.MSTATUS_MPIE : s & ~Csr.MSTATUS_MPIE;
      s &= ~Csr.MSTATUS_MIE;
      s = (s & ~Csr.MSTATUS_MPP) | ((long) priv << Csr.MSTATUS_MPP_SHIFT);
      mstatus = s;
      priv = PRIV_M;
      pc = vector(mtvec, cause, interrupt);
    }
    mmu.modeChanged();
    endBatch = true;
  }

  private static long vector(long tvec, int cause, boolean interrupt) {
    long base = tvec & ~3L;
    return interrupt && (tvec & 3) == 1 ? base + 4L * cause : base;
  }

  /** The op of the instruction {@link #execute()} ran last (set before it runs). */
  private int lastOp = Op.NOP;

  // ---- the interpreter ----

  /**
   * Runs up to {@code budget} instructions, stopping early at WFI or a change that may unmask an
   * interrupt. Pending interrupts are taken first. Returns the number of instructions retired.
   */
  public int run(int budget) {
    synchronized (writeProtectLock) {
      serviceWriteProtectRequest();
      batchThread = Thread.currentThread();
    }
    int n = 0;
    try {
      takeInterrupt();
      if (waitingForInterrupt) {
        return 0;
      }
      endBatch = false;
      // Compiled blocks are looked up (and their heat counted) only where a block can begin:
      // not in the middle of a straight run of compilable instructions, which is most of them.
      boolean blockMayStart = true;
      while (n < budget) {
        // The lookup needs pc's page to be the one last fetched from; after a jump to another
        // page it waits one instruction, so a block begins at the next one (as it always did).
        boolean lookupDeferred = blockMayStart && (pc >>> 12) != fetchVpage;
        CompiledBlock block = blockMayStart ? compiledBlockAtPc(budget - n) : null;
        if (block != null) {
          long before = instret;
          try {
            block.run(this, x, mmu, pc);
          } catch (Trap t) {
            enterTrap(t.cause, false, t.tval);
          }
          n += (int) (instret - before);
          blockMayStart = true;
        } else {
          n++;
          instret++; // counted as we go, so cycle/instret/time read mid-batch are exact
          long before = pc;
          try {
            execute();
          } catch (Trap t) {
            enterTrap(t.cause, false, t.tval);
          }
          blockMayStart = lookupDeferred || blockMayStartAfter(before);
        }
        if (endBatch) {
          break;
        }
      }
    } finally {
      synchronized (writeProtectLock) {
        batchThread = null;
        serviceWriteProtectRequest();
      }
    }
    return n;
  }

  /** Drops writable translations if another thread asked for it. Holds writeProtectLock. */
  private void serviceWriteProtectRequest() {
    if (writeProtectRequested) {
      mmu.flushWrites();
      writeProtectRequested = false;
      writeProtectLock.notifyAll();
    }
  }

  /**
   * Returns the compiled block starting at pc if there is one that fits in {@code room}
   * instructions, compiling it once the slot has run often enough; null to interpret. Looks only
   * at the page the last fetch translated, so it never translates or faults itself.
   */
  private CompiledBlock compiledBlockAtPc(int room) {
    if (compiler == null || (pc >>> 12) != fetchVpage) {
      return null;
    }
    CodePage page = fetchCodePage;
    int slot = ((int) pc & 0xFFF) >>> 1;
    CompiledBlock[] blocks = page.blocks;
    if (blocks != null) {
      CompiledBlock block = blocks[slot];
      if (block != null) {
        return block.length <= room ? block : null;
      }
    }
    short[] heat = page.heat;
    if (heat == null) {
      heat = page.heat = new short[page.insns.length];
    }
    if (++heat[slot] < compiler.threshold) {
      return null;
    }
    heat[slot] = Short.MIN_VALUE; // not compilable: do not try again soon
    CompiledBlock block = compiler.compile(mmu, page, pc);
    if (block == null) {
      return null;
    }
    if (blocks == null) {
      blocks = page.blocks = new CompiledBlock[page.insns.length];
    }
    blocks[slot] = block;
    return block.length <= room ? block : null;
  }

  /**
   * Whether a compiled block may begin at pc after the interpreter executed the instruction at
   * {@code before}: after a jump, branch (taken or not), trap or return, after an instruction the
   * translator does not compile, and on a new page; not after a straight-line compilable one.
   */
  private boolean blockMayStartAfter(long before) {
    long step = pc - before;
    return (step != 2 && step != 4)
        || (pc >>> 12) != (before >>> 12)
        || !BlockCompiler.compilable(lastOp)
        || BlockCompiler.endsBlock(lastOp);
  }

  /** Blocks translated to bytecode so far (0 with the translator off). */
  public long compiledBlocks() {
    return compiler == null ? 0 : compiler.compiledCount();
  }

  /** Fetches, decodes (once) and executes one instruction. */
  private void execute() {
    final long pc = this.pc;
    CodePage page;
    if ((pc >>> 12) == fetchVpage) {
      page = fetchCodePage;
    } else {
      page = mmu.fetchPage(pc);
      fetchVpage = pc >>> 12;
      fetchCodePage = page;
    }
    Insn in = page.insns[((int) pc & 0xFFF) >>> 1];
    if (in == null) {
      in = mmu.decode(page, pc);
    }
    lastOp = in.op;
    final long[] x = this.x;
    switch (in.op) {
      case Op.NOP: break;
      case Op.LUI: x[in.rd] = in.imm; break;
      case Op.AUIPC: x[in.rd] = pc + in.imm; break;
      case Op.JAL:
        x[in.rd] = pc + in.length;
        this.pc = pc + in.imm;
        return;
      case Op.JALR: {
        long target = (x[in.rs1] + in.imm) & ~1L;
        x[in.rd] = pc + in.length;
        this.pc = target;
        return;
      }
      case Op.BEQ: if (x[in.rs1] == x[in.rs2]) { this.pc = pc + in.imm; return; } break;
      case Op.BNE: if (x[in.rs1] != x[in.rs2]) { this.pc = pc + in.imm; return; } break;
      case Op.BLT: if (x[in.rs1] < x[in.rs2]) { this.pc = pc + in.imm; return; } break;
      case Op.BGE: if (x[in.rs1] >= x[in.rs2]) { this.pc = pc + in.imm; return; } break;
      case Op.BLTU:
        if (Long.compareUnsigned(x[in.rs1], x[in.rs2]) < 0) { this.pc = pc + in.imm; return; }
        break;
      case Op.BGEU:
        if (Long.compareUnsigned(x[in.rs1], x[in.rs2]) >= 0) { this.pc = pc + in.imm; return; }
        break;
      case Op.LB: x[in.rd] = mmu.loadByte(x[in.rs1] + in.imm); break;
      case Op.LH: x[in.rd] = mmu.loadShort(x[in.rs1] + in.imm); break;
      case Op.LW: x[in.rd] = mmu.loadInt(x[in.rs1] + in.imm); break;
      case Op.LD: x[in.rd] = mmu.loadLong(x[in.rs1] + in.imm); break;
      case Op.LBU: x[in.rd] = mmu.loadByte(x[in.rs1] + in.imm) & 0xFFL; break;
      case Op.LHU: x[in.rd] = mmu.loadShort(x[in.rs1] + in.imm) & 0xFFFFL; break;
      case Op.LWU: x[in.rd] = mmu.loadInt(x[in.rs1] + in.imm) & 0xFFFF_FFFFL; break;
      case Op.SB: mmu.storeByte(x[in.rs1] + in.imm, (byte) x[in.rs2]); break;
      case Op.SH: mmu.storeShort(x[in.rs1] + in.imm, (short) x[in.rs2]); break;
      case Op.SW: mmu.storeInt(x[in.rs1] + in.imm, (int) x[in.rs2]); break;
      case Op.SD: mmu.storeLong(x[in.rs1] + in.imm, x[in.rs2]); break;
      case Op.ADDI: x[in.rd] = x[in.rs1] + in.imm; break;
      case Op.SLTI: x[in.rd] = x[in.rs1] < in.imm ? 1 : 0; break;
      case Op.SLTIU: x[in.rd] = Long.compareUnsigned(x[in.rs1], in.imm) < 0 ? 1 : 0; break;
      case Op.XORI: x[in.rd] = x[in.rs1] ^ in.imm; break;
      case Op.ORI: x[in.rd] = x[in.rs1] | in.imm; break;
      case Op.ANDI: x[in.rd] = x[in.rs1] & in.imm; break;
      case Op.SLLI: x[in.rd] = x[in.rs1] << in.imm; break;
      case Op.SRLI: x[in.rd] = x[in.rs1] >>> in.imm; break;
      case Op.SRAI: x[in.rd] = x[in.rs1] >> in.imm; break;
      case Op.ADD: x[in.rd] = x[in.rs1] + x[in.rs2]; break;
      case Op.SUB: x[in.rd] = x[in.rs1] - x[in.rs2]; break;
      case Op.SLL: x[in.rd] = x[in.rs1] << x[in.rs2]; break;
      case Op.SLT: x[in.rd] = x[in.rs1] < x[in.rs2] ? 1 : 0; break;
      case Op.SLTU: x[in.rd] = Long.compareUnsigned(x[in.rs1], x[in.rs2]) < 0 ? 1 : 0; break;
      case Op.XOR: x[in.rd] = x[in.rs1] ^ x[in.rs2]; break;
      case Op.SRL: x[in.rd] = x[in.rs1] >>> x[in.rs2]; break;
      case Op.SRA: x[in.rd] = x[in.rs1] >> x[in.rs2]; break;
      case Op.OR: x[in.rd] = x[in.rs1] | x[in.rs2]; break;
      case Op.AND: x[in.rd] = x[in.rs1] & x[in.rs2]; break;
      case Op.ADDIW: x[in.rd] = (int) (x[in.rs1] + in.imm); break;
      case Op.SLLIW: x[in.rd] = ((int) x[in.rs1]) << in.imm; break;
      case Op.SRLIW: x[in.rd] = ((int) x[in.rs1]) >>> in.imm; break;
      case Op.SRAIW: x[in.rd] = ((int) x[in.rs1]) >> in.imm; break;
      case Op.ADDW: x[in.rd] = (int) (x[in.rs1] + x[in.rs2]); break;
      case Op.SUBW: x[in.rd] = (int) (x[in.rs1] - x[in.rs2]); break;
      case Op.SLLW: x[in.rd] = ((int) x[in.rs1]) << (x[in.rs2] & 31); break;
      case Op.SRLW: x[in.rd] = ((int) x[in.rs1]) >>> (x[in.rs2] & 31); break;
      case Op.SRAW: x[in.rd] = ((int) x[in.rs1]) >> (x[in.rs2] & 31); break;
      case Op.FENCE: break;
      case Op.FENCE_I: break; // stores already invalidate decoded code (see GuestRam.markCodePage)
      case Op.MUL: x[in.rd] = x[in.rs1] * x[in.rs2]; break;
      case Op.MULH: x[in.rd] = Math.multiplyHigh(x[in.rs1], x[in.rs2]); break;
      case Op.MULHSU: x[in.rd] = mulhsu(x[in.rs1], x[in.rs2]); break;
      case Op.MULHU: x[in.rd] = mulhu(x[in.rs1], x[in.rs2]); break;
      case Op.DIV: {
        long d = x[in.rs2];
        x[in.rd] = d == 0 ? -1L : x[in.rs1] / d;
        break;
      }
      case Op.DIVU: {
        long d = x[in.rs2];
        x[in.rd] = d == 0 ? -1L : Long.divideUnsigned(x[in.rs1], d);
        break;
      }
      case Op.REM: {
        long d = x[in.rs2];
        x[in.rd] = d == 0 ? x[in.rs1] : x[in.rs1] % d;
        break;
      }
      case Op.REMU: {
        long d = x[in.rs2];
        x[in.rd] = d == 0 ? x[in.rs1] : Long.remainderUnsigned(x[in.rs1], d);
        break;
      }
      case Op.MULW: x[in.rd] = (int) x[in.rs1] * (int) x[in.rs2]; break;
      case Op.DIVW: {
        int d = (int) x[in.rs2];
        x[in.rd] = d == 0 ? -1L : (int) x[in.rs1] / d;
        break;
      }
      case Op.DIVUW: {
        int d = (int) x[in.rs2];
        x[in.rd] = d == 0 ? -1L : Integer.divideUnsigned((int) x[in.rs1], d);
        break;
      }
      case Op.REMW: {
        int d = (int) x[in.rs2];
        x[in.rd] = d == 0 ? (int) x[in.rs1] : (int) x[in.rs1] % d;
        break;
      }
      case Op.REMUW: {
        int d = (int) x[in.rs2];
        x[in.rd] = d == 0 ? (int) x[in.rs1] : Integer.remainderUnsigned((int) x[in.rs1], d);
        break;
      }
      case Op.ILLEGAL:
        throw trap.set(Trap.ILLEGAL_INSTRUCTION, in.bits & 0xFFFF_FFFFL);
      default:
        if (in.op <= Op.LAST_AMO) {
          AtomicUnit.execute(this, in);
        } else if (in.op <= Op.LAST_SYSTEM) {
          if (SystemUnit.execute(this, in)) {
            return; // the instruction set pc itself (trap return)
          }
        } else {
          FpUnit.execute(this, in);
        }
        break;
    }
    this.pc = pc + in.length;
  }

  static long mulhu(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  static long mulhsu(long a, long b) {
    return Math.multiplyHigh(a, b) + ((b >> 63) & a);
  }

  // ---- dirty log and decoded-code coherence ----

  /**
   * Drops writable translations. From the vCPU thread, or while no batch runs, at once; otherwise
   * the running batch does it when it ends and this call waits for that.
   */
  @Override
  public void writeProtectAll() {
    synchronized (writeProtectLock) {
      Thread running = batchThread;
      if (running == null || running == Thread.currentThread()) {
        mmu.flushWrites();
        return;
      }
      writeProtectRequested = true;
      while (writeProtectRequested) {
        try {
          writeProtectLock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the vCPU", e);
        }
      }
    }
  }

  @Override
  public void writeProtectPage(long pageIndex) {
    mmu.flushWritesTo(pageIndex);
  }

  @Override
  public void codePageWritten(long pageIndex) {
    mmu.dropCode(pageIndex);
  }

  /** Drops every cached translation and decoded instruction (after RAM was replaced). */
  public void flushCaches() {
    mmu.dropAllCode();
    mmu.flushAll();
    mmu.modeChanged();
  }
}
