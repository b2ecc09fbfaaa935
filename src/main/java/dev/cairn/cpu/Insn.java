package dev.cairn.cpu;

/**
 * One decoded instruction: its opcode, operands and length, so each instruction is decoded once
 * per code page rather than on every execution.
 *
 * <p>An integer destination of {@code x0} is decoded (by {@link #xd}) as register 32, a scratch slot the executor may write
 * freely, so no instruction needs a test for {@code rd == 0}. Branch and jump immediates are pc
 * offsets; {@code imm} of CSR instructions is the CSR number, and {@code rs1} of the immediate CSR
 * forms is the 5-bit immediate.
 */
public final class Insn {

  /** The register index that stands for a write to x0. */
  public static final int ZERO_SINK = 32;

  public final int op;
  public final int rd;
  public final int rs1;
  public final int rs2;
  public final int rs3;
  /** Rounding mode field of FP instructions (7 = dynamic), or aq/rl bits of atomics. */
  public final int rm;
  public final long imm;
  /** 2 for compressed instructions, else 4. */
  public final int length;
  /** The raw instruction bits (16 or 32), for mtval on illegal instructions and for traces. */
  public final int bits;

  public Insn(int op, int rd, int rs1, int rs2, int rs3, int rm, long imm, int length, int bits) {
    this.op = op;
    this.rd = rd;
    this.rs1 = rs1;
    this.rs2 = rs2;
    this.rs3 = rs3;
    this.rm = rm;
    this.imm = imm;
    this.length = length;
    this.bits = bits;
  }

  /** Maps an integer destination register: x0 becomes the scratch slot {@link #ZERO_SINK}. */
  public static int xd(int rd) {
    return rd == 0 ? ZERO_SINK : rd;
  }

  /** An illegal instruction with the given raw bits. */
  public static Insn illegal(int bits, int length) {
    return new Insn(Op.ILLEGAL, 0, 0, 0, 0, 0, 0, length, bits);
  }

  @Override
  public String toString() {
    return String.format(
        "%s rd=%d rs1=%d rs2=%d imm=%d (0x%08x)", Op.name(op), rd, rs1, rs2, imm, bits);
  }
}
