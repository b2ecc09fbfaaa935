/**
 * Character devices: the 16550A UART ({@link dev.cairn.hw.chr.Uart16550}) and the
 * {@link dev.cairn.hw.chr.CharSink} its output goes to. Host input reaches the UART through
 * {@code Uart16550.receive} on the vCPU thread.
 */
package dev.cairn.hw.chr;
