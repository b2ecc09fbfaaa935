/**
 * Interrupt controllers of the board: the CLINT ({@link dev.cairn.hw.intc.Clint}, machine timer
 * and software interrupt) and the PLIC ({@link dev.cairn.hw.intc.Plic}, external interrupts from
 * devices). Both drive the hart's {@code mip} bits through {@link dev.cairn.cpu.InterruptTarget}.
 */
package dev.cairn.hw.intc;
