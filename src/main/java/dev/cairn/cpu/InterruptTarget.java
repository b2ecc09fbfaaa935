package dev.cairn.cpu;

/**
 * The hart's interrupt pins as seen by interrupt controllers (CLINT, PLIC).
 *
 * <p>Reference: RISC-V privileged spec 3.1.9, "Machine Interrupt Registers (mip and mie)".
 */
public interface InterruptTarget {

  int SSIP = 1;
  int MSIP = 3;
  int STIP = 5;
  int MTIP = 7;
  int SEIP = 9;
  int MEIP = 11;

  /**
   * Drives the level of interrupt {@code cause} (one of the constants above) in {@code mip}. May be
   * called from the vCPU thread at any time; a waiting hart (WFI) wakes up when a line rises.
   */
  void setInterruptPending(int cause, boolean level);
}
