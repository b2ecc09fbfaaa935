package dev.cairn.cpu;

/**
 * CSR numbers and bit fields used by the hart.
 *
 * <p>Reference: RISC-V Privileged ISA 20211203, tables 2.2 to 2.5 (CSR address map) and section
 * 3.1.6 (mstatus).
 */
public final class Csr {
  private Csr() {}

  // Unprivileged floating point and counters
  public static final int FFLAGS = 0x001;
  public static final int FRM = 0x002;
  public static final int FCSR = 0x003;
  public static final int CYCLE = 0xC00;
  public static final int TIME = 0xC01;
  public static final int INSTRET = 0xC02;
  public static final int HPMCOUNTER3 = 0xC03;
  public static final int HPMCOUNTER31 = 0xC1F;

  // Supervisor
  public static final int SSTATUS = 0x100;
  public static final int SIE = 0x104;
  public static final int STVEC = 0x105;
  public static final int SCOUNTEREN = 0x106;
  public static final int SENVCFG = 0x10A;
  public static final int SSCRATCH = 0x140;
  public static final int SEPC = 0x141;
  public static final int SCAUSE = 0x142;
  public static final int STVAL = 0x143;
  public static final int SIP = 0x144;
  public static final int SATP = 0x180;

  // Machine
  public static final int MVENDORID = 0xF11;
  public static final int MARCHID = 0xF12;
  public static final int MIMPID = 0xF13;
  public static final int MHARTID = 0xF14;
  public static final int MCONFIGPTR = 0xF15;
  public static final int MSTATUS = 0x300;
  public static final int MISA = 0x301;
  public static final int MEDELEG = 0x302;
  public static final int MIDELEG = 0x303;
  public static final int MIE = 0x304;
  public static final int MTVEC = 0x305;
  public static final int MCOUNTEREN = 0x306;
  public static final int MENVCFG = 0x30A;
  public static final int MCOUNTINHIBIT = 0x320;
  public static final int MHPMEVENT3 = 0x323;
  public static final int MHPMEVENT31 = 0x33F;
  public static final int MSCRATCH = 0x340;
  public static final int MEPC = 0x341;
  public static final int MCAUSE = 0x342;
  public static final int MTVAL = 0x343;
  public static final int MIP = 0x344;
  public static final int PMPCFG0 = 0x3A0;
  public static final int PMPCFG15 = 0x3AF;
  public static final int PMPADDR0 = 0x3B0;
  public static final int PMPADDR63 = 0x3EF;
  public static final int MCYCLE = 0xB00;
  public static final int MINSTRET = 0xB02;
  public static final int MHPMCOUNTER3 = 0xB03;
  public static final int MHPMCOUNTER31 = 0xB1F;

  // mstatus fields
  public static final long MSTATUS_SIE = 1L << 1;
  public static final long MSTATUS_MIE = 1L << 3;
  public static final long MSTATUS_SPIE = 1L << 5;
  public static final long MSTATUS_MPIE = 1L << 7;
  public static final long MSTATUS_SPP = 1L << 8;
  public static final int MSTATUS_MPP_SHIFT = 11;
  public static final long MSTATUS_MPP = 3L << MSTATUS_MPP_SHIFT;
  public static final int MSTATUS_FS_SHIFT = 13;
  public static final long MSTATUS_FS = 3L << MSTATUS_FS_SHIFT;
  public static final long MSTATUS_MPRV = 1L << 17;
  public static final long MSTATUS_SUM = 1L << 18;
  public static final long MSTATUS_MXR = 1L << 19;
  public static final long MSTATUS_TVM = 1L << 20;
  public static final long MSTATUS_TW = 1L << 21;
  public static final long MSTATUS_TSR = 1L << 22;
  /** UXL = SXL = 2 (64-bit), read-only. */
  public static final long MSTATUS_XLEN64 = (2L << 32) | (2L << 34);
  public static final long MSTATUS_SD = 1L << 63;

  public static final long MSTATUS_WRITABLE =
      MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP
          | MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW
          | MSTATUS_TSR;
  public static final long SSTATUS_VISIBLE =
      MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR
          | (3L << 32) | MSTATUS_SD;
  public static final long SSTATUS_WRITABLE =
      MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR;

  /** misa: MXL = 2 (64-bit) and the extensions A, C, D, F, I, M, S, U. */
  public static final long MISA_VALUE =
      (2L << 62) | ext('A') | ext('C') | ext('D') | ext('F') | ext('I') | ext('M') | ext('S')
          | ext('U');

  private static long ext(char c) {
    return 1L << (c - 'A');
  }

  // interrupt bits
  public static final long SSIP_BIT = 1L << InterruptTarget.SSIP;
  public static final long MSIP_BIT = 1L << InterruptTarget.MSIP;
  public static final long STIP_BIT = 1L << InterruptTarget.STIP;
  public static final long MTIP_BIT = 1L << InterruptTarget.MTIP;
  public static final long SEIP_BIT = 1L << InterruptTarget.SEIP;
  public static final long MEIP_BIT = 1L << InterruptTarget.MEIP;
  public static final long S_INTERRUPTS = SSIP_BIT | STIP_BIT | SEIP_BIT;
  public static final long ALL_INTERRUPTS = S_INTERRUPTS | MSIP_BIT | MTIP_BIT | MEIP_BIT;
  /** Exceptions that may be delegated to S-mode (all but ecall from M and reserved causes). */
  public static final long MEDELEG_WRITABLE = 0xB3FFL;
}
