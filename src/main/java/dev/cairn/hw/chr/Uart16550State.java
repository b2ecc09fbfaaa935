package dev.cairn.hw.chr;

import dev.cairn.state.StateDescription;
import java.util.Arrays;

/**
 * The saved state of a {@link Uart16550}: every register, the RX FIFO with its indices, the THRE
 * interrupt source, and (in a subsection) host input the UART has accepted but not yet moved into
 * the FIFO.
 *
 * <p>Reference: TI PC16550D datasheet (SNLS378C), section 8 "Registers".
 *
 * <p>The host-input queue is saved, unlike in QEMU (which keeps only the device FIFOs and leaves
 * the rest in the chardev): here the queue lives inside the device and the host has already
 * handed those bytes over, so dropping them would lose typed-ahead input across a snapshot. It is
 * a subsection, written only while non-empty. Not saved: the interrupt line and the output sink
 * (host resources given back at restore); the line level is recomputed by postLoad.
 */
public final class Uart16550State {

  /** Host input the UART holds beyond its FIFO; written only while there is some. */
  static final StateDescription<Uart16550> HOST_INPUT =
      StateDescription.builder("uart16550/host-input", Uart16550.class)
          .version(1)
          .minimumVersion(1)
          .bytes("queued", Uart16550State::hostInput, Uart16550State::setHostInput)
          .build();

  /** Version 1: the 16550A registers and RX FIFO. */
  public static final StateDescription<Uart16550> DESCRIPTION =
      StateDescription.builder("uart16550", Uart16550.class)
          .version(1)
          .minimumVersion(1)
          .u8("ier", u -> u.ier, (u, v) -> u.ier = v)
          .check((u, v) -> v <= 0x0F, "bits 0-3 only")
          .u8("lcr", u -> u.lcr, (u, v) -> u.lcr = v)
          .u8("mcr", u -> u.mcr, (u, v) -> u.mcr = v)
          .check((u, v) -> v <= 0x1F, "bits 0-4 only")
          .u8("fcr", u -> u.fcr, (u, v) -> u.fcr = v)
          .u8("lsrErrors", u -> u.lsrErrors, (u, v) -> u.lsrErrors = v)
          .u8("msr", u -> u.msr, (u, v) -> u.msr = v)
          .u8("scr", u -> u.scr, (u, v) -> u.scr = v)
          .u8("dll", u -> u.dll, (u, v) -> u.dll = v)
          .u8("dlm", u -> u.dlm, (u, v) -> u.dlm = v)
          .bool("thrInterruptPending", u -> u.thrInterruptPending,
              (u, v) -> u.thrInterruptPending = v)
          .bytes("rxFifo", Uart16550.FIFO_SIZE, u -> u.rxFifo)
          .u8("rxHead", u -> u.rxHead, (u, v) -> u.rxHead = v)
          .check((u, v) -> v < Uart16550.FIFO_SIZE, "an index into the 16-byte FIFO")
          .u8("rxCount", u -> u.rxCount, (u, v) -> u.rxCount = v)
          .check((u, v) -> v <= Uart16550.FIFO_SIZE, "at most 16 bytes")
          .subsection(HOST_INPUT, u -> u.hostCount > 0)
          .postLoad((u, fromVersion) -> u.updateIrq())
          .build();

  private Uart16550State() {}

  private static byte[] hostInput(Uart16550 u) {
    byte[] queued = new byte[u.hostCount];
    for (int i = 0; i < u.hostCount; i++) {
      queued[i] = u.hostQueue[(u.hostHead + i) % u.hostQueue.length];
    }
    return queued;
  }

  private static void setHostInput(Uart16550 u, byte[] queued) {
    u.hostQueue = Arrays.copyOf(queued, Math.max(256, Integer.highestOneBit(queued.length) * 2));
    u.hostHead = 0;
    u.hostCount = queued.length;
  }
}
