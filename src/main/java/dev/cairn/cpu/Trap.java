package dev.cairn.cpu;

/**
 * A synchronous exception raised while executing an instruction. One instance per hart is
 * reused and has no stack trace, so raising it costs about as much as a return.
 *
 * <p>Reference: RISC-V Privileged ISA 20211203, table 3.6 (mcause values).
 */
public final class Trap extends RuntimeException {

  public static final int INSTRUCTION_MISALIGNED = 0;
  public static final int INSTRUCTION_ACCESS_FAULT = 1;
  public static final int ILLEGAL_INSTRUCTION = 2;
  public static final int BREAKPOINT = 3;
  public static final int LOAD_MISALIGNED = 4;
  public static final int LOAD_ACCESS_FAULT = 5;
  public static final int STORE_MISALIGNED = 6;
  public static final int STORE_ACCESS_FAULT = 7;
  public static final int ECALL_FROM_U = 8;
  public static final int ECALL_FROM_S = 9;
  public static final int ECALL_FROM_M = 11;
  public static final int INSTRUCTION_PAGE_FAULT = 12;
  public static final int LOAD_PAGE_FAULT = 13;
  public static final int STORE_PAGE_FAULT = 15;

  int cause;
  long tval;

  Trap() {
    super(null, null, false, false);
  }

  /** Fills this trap in and returns it for throwing. */
  Trap set(int cause, long tval) {
    this.cause = cause;
    this.tval = tval;
    return this;
  }

  public int cause() {
    return cause;
  }

  public long tval() {
    return tval;
  }
}
