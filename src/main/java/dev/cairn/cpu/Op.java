package dev.cairn.cpu;

/**
 * Small-int opcodes of decoded instructions, so the executor dispatches with one {@code switch}
 * over dense constants instead of virtual calls. Compressed instructions decode to the same
 * opcodes as their 32-bit expansions. The ranges {@link #FIRST_AMO}..{@link #LAST_AMO},
 * {@link #FIRST_SYSTEM}..{@link #LAST_SYSTEM} and {@link #FIRST_FP}..{@link #LAST_FP} let the
 * executor hand whole extensions to their own classes.
 */
public final class Op {
  private Op() {}

  // RV64I
  public static final int ILLEGAL = 0;
  public static final int LUI = 1;
  public static final int AUIPC = 2;
  public static final int JAL = 3;
  public static final int JALR = 4;
  public static final int BEQ = 5;
  public static final int BNE = 6;
  public static final int BLT = 7;
  public static final int BGE = 8;
  public static final int BLTU = 9;
  public static final int BGEU = 10;
  public static final int LB = 11;
  public static final int LH = 12;
  public static final int LW = 13;
  public static final int LD = 14;
  public static final int LBU = 15;
  public static final int LHU = 16;
  public static final int LWU = 17;
  public static final int SB = 18;
  public static final int SH = 19;
  public static final int SW = 20;
  public static final int SD = 21;
  public static final int ADDI = 22;
  public static final int SLTI = 23;
  public static final int SLTIU = 24;
  public static final int XORI = 25;
  public static final int ORI = 26;
  public static final int ANDI = 27;
  public static final int SLLI = 28;
  public static final int SRLI = 29;
  public static final int SRAI = 30;
  public static final int ADD = 31;
  public static final int SUB = 32;
  public static final int SLL = 33;
  public static final int SLT = 34;
  public static final int SLTU = 35;
  public static final int XOR = 36;
  public static final int SRL = 37;
  public static final int SRA = 38;
  public static final int OR = 39;
  public static final int AND = 40;
  public static final int ADDIW = 41;
  public static final int SLLIW = 42;
  public static final int SRLIW = 43;
  public static final int SRAIW = 44;
  public static final int ADDW = 45;
  public static final int SUBW = 46;
  public static final int SLLW = 47;
  public static final int SRLW = 48;
  public static final int SRAW = 49;
  public static final int FENCE = 50;
  public static final int FENCE_I = 51;
  public static final int NOP = 52;

  // M
  public static final int MUL = 53;
  public static final int MULH = 54;
  public static final int MULHSU = 55;
  public static final int MULHU = 56;
  public static final int DIV = 57;
  public static final int DIVU = 58;
  public static final int REM = 59;
  public static final int REMU = 60;
  public static final int MULW = 61;
  public static final int DIVW = 62;
  public static final int DIVUW = 63;
  public static final int REMW = 64;
  public static final int REMUW = 65;

  // A
  public static final int LR_W = 66;
  public static final int SC_W = 67;
  public static final int AMOSWAP_W = 68;
  public static final int AMOADD_W = 69;
  public static final int AMOXOR_W = 70;
  public static final int AMOAND_W = 71;
  public static final int AMOOR_W = 72;
  public static final int AMOMIN_W = 73;
  public static final int AMOMAX_W = 74;
  public static final int AMOMINU_W = 75;
  public static final int AMOMAXU_W = 76;
  public static final int LR_D = 77;
  public static final int SC_D = 78;
  public static final int AMOSWAP_D = 79;
  public static final int AMOADD_D = 80;
  public static final int AMOXOR_D = 81;
  public static final int AMOAND_D = 82;
  public static final int AMOOR_D = 83;
  public static final int AMOMIN_D = 84;
  public static final int AMOMAX_D = 85;
  public static final int AMOMINU_D = 86;
  public static final int AMOMAXU_D = 87;

  // Zicsr and privileged
  public static final int CSRRW = 88;
  public static final int CSRRS = 89;
  public static final int CSRRC = 90;
  public static final int CSRRWI = 91;
  public static final int CSRRSI = 92;
  public static final int CSRRCI = 93;
  public static final int ECALL = 94;
  public static final int EBREAK = 95;
  public static final int MRET = 96;
  public static final int SRET = 97;
  public static final int WFI = 98;
  public static final int SFENCE_VMA = 99;

  // F and D
  public static final int FLW = 100;
  public static final int FSW = 101;
  public static final int FLD = 102;
  public static final int FSD = 103;
  public static final int FMADD_S = 104;
  public static final int FMSUB_S = 105;
  public static final int FNMSUB_S = 106;
  public static final int FNMADD_S = 107;
  public static final int FADD_S = 108;
  public static final int FSUB_S = 109;
  public static final int FMUL_S = 110;
  public static final int FDIV_S = 111;
  public static final int FSQRT_S = 112;
  public static final int FSGNJ_S = 113;
  public static final int FSGNJN_S = 114;
  public static final int FSGNJX_S = 115;
  public static final int FMIN_S = 116;
  public static final int FMAX_S = 117;
  public static final int FCVT_W_S = 118;
  public static final int FCVT_WU_S = 119;
  public static final int FCVT_L_S = 120;
  public static final int FCVT_LU_S = 121;
  public static final int FMV_X_W = 122;
  public static final int FEQ_S = 123;
  public static final int FLT_S = 124;
  public static final int FLE_S = 125;
  public static final int FCLASS_S = 126;
  public static final int FCVT_S_W = 127;
  public static final int FCVT_S_WU = 128;
  public static final int FCVT_S_L = 129;
  public static final int FCVT_S_LU = 130;
  public static final int FMV_W_X = 131;
  public static final int FMADD_D = 132;
  public static final int FMSUB_D = 133;
  public static final int FNMSUB_D = 134;
  public static final int FNMADD_D = 135;
  public static final int FADD_D = 136;
  public static final int FSUB_D = 137;
  public static final int FMUL_D = 138;
  public static final int FDIV_D = 139;
  public static final int FSQRT_D = 140;
  public static final int FSGNJ_D = 141;
  public static final int FSGNJN_D = 142;
  public static final int FSGNJX_D = 143;
  public static final int FMIN_D = 144;
  public static final int FMAX_D = 145;
  public static final int FCVT_S_D = 146;
  public static final int FCVT_D_S = 147;
  public static final int FEQ_D = 148;
  public static final int FLT_D = 149;
  public static final int FLE_D = 150;
  public static final int FCLASS_D = 151;
  public static final int FCVT_W_D = 152;
  public static final int FCVT_WU_D = 153;
  public static final int FCVT_L_D = 154;
  public static final int FCVT_LU_D = 155;
  public static final int FMV_X_D = 156;
  public static final int FCVT_D_W = 157;
  public static final int FCVT_D_WU = 158;
  public static final int FCVT_D_L = 159;
  public static final int FCVT_D_LU = 160;
  public static final int FMV_D_X = 161;

  public static final int FIRST_AMO = 66;
  public static final int LAST_AMO = 87;
  public static final int FIRST_SYSTEM = 88;
  public static final int LAST_SYSTEM = 99;
  public static final int FIRST_FP = 100;
  public static final int LAST_FP = 161;
  public static final int COUNT = 162;

  private static final String[] NAMES = {
    "illegal", "lui", "auipc", "jal", "jalr", "beq", "bne", "blt", "bge", "bltu", "bgeu", "lb",
    "lh", "lw", "ld", "lbu", "lhu", "lwu", "sb", "sh", "sw", "sd", "addi", "slti", "sltiu",
    "xori", "ori", "andi", "slli", "srli", "srai", "add", "sub", "sll", "slt", "sltu", "xor",
    "srl", "sra", "or", "and", "addiw", "slliw", "srliw", "sraiw", "addw", "subw", "sllw", "srlw",
    "sraw", "fence", "fence.i", "nop", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem",
    "remu", "mulw", "divw", "divuw", "remw", "remuw", "lr.w", "sc.w", "amoswap.w", "amoadd.w",
    "amoxor.w", "amoand.w", "amoor.w", "amomin.w", "amomax.w", "amominu.w", "amomaxu.w", "lr.d",
    "sc.d", "amoswap.d", "amoadd.d", "amoxor.d", "amoand.d", "amoor.d", "amomin.d", "amomax.d",
    "amominu.d", "amomaxu.d", "csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi", "csrrci", "ecall",
    "ebreak", "mret", "sret", "wfi", "sfence.vma", "flw", "fsw", "fld", "fsd", "fmadd.s",
    "fmsub.s", "fnmsub.s", "fnmadd.s", "fadd.s", "fsub.s", "fmul.s", "fdiv.s", "fsqrt.s",
    "fsgnj.s", "fsgnjn.s", "fsgnjx.s", "fmin.s", "fmax.s", "fcvt.w.s", "fcvt.wu.s", "fcvt.l.s",
    "fcvt.lu.s", "fmv.x.w", "feq.s", "flt.s", "fle.s", "fclass.s", "fcvt.s.w", "fcvt.s.wu",
    "fcvt.s.l", "fcvt.s.lu", "fmv.w.x", "fmadd.d", "fmsub.d", "fnmsub.d", "fnmadd.d", "fadd.d",
    "fsub.d", "fmul.d", "fdiv.d", "fsqrt.d", "fsgnj.d", "fsgnjn.d", "fsgnjx.d", "fmin.d",
    "fmax.d", "fcvt.s.d", "fcvt.d.s", "feq.d", "flt.d", "fle.d", "fclass.d", "fcvt.w.d",
    "fcvt.wu.d", "fcvt.l.d", "fcvt.lu.d", "fmv.x.d", "fcvt.d.w", "fcvt.d.wu", "fcvt.d.l",
    "fcvt.d.lu", "fmv.d.x",
  };

  /** Returns the assembler mnemonic of an opcode, for traces and disassembly. */
  public static String name(int op) {
    return op >= 0 && op < NAMES.length ? NAMES[op] : "op" + op;
  }
}
