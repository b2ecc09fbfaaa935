package dev.cairn.hw.chr;

import dev.cairn.hw.IrqLine;
import dev.cairn.memory.MmioDevice;

/**
 * A 16550A UART with 16-byte FIFOs, register stride 1 (reg-shift 0), as Linux's 8250 driver and
 * OpenSBI's uart8250 driver drive it.
 *
 * <p>Reference: TI PC16550D datasheet (SNLS378C), section 8 "Registers" (tables 2-9: IER, IIR,
 * FCR, LCR, MCR, LSR, MSR, SCR) and section 8.6 "Interrupt Identification Register" for the
 * priority order; Linux {@code drivers/tty/serial/8250/8250_port.c} for what the driver probes.
 *
 * <p>Transmission is instant: a byte written to THR goes straight to the {@link CharSink}, so
 * THRE and TEMT always read as set and the THRE interrupt re-arms right after each write. Received
 * bytes wait in an unbounded host-side queue that refills the 16-byte RX FIFO as the guest reads,
 * so input is never overrun. The character timeout (IIR 0xC) is reported as soon as the FIFO holds
 * fewer bytes than the trigger level, since there is no line timing to wait four characters for.
 */
public final class Uart16550 implements MmioDevice {

  public static final int SIZE = 0x100;
  public static final int FIFO_SIZE = 16;

  // Register offsets (reg-shift 0).
  static final int RBR_THR_DLL = 0;
  static final int IER_DLM = 1;
  static final int IIR_FCR = 2;
  static final int LCR = 3;
  static final int MCR = 4;
  static final int LSR = 5;
  static final int MSR = 6;
  static final int SCR = 7;

  static final int IER_ERBFI = 0x01;
  static final int IER_ETBEI = 0x02;
  static final int IER_ELSI = 0x04;
  static final int IER_EDSSI = 0x08;

  static final int IIR_NO_INT = 0x01;
  static final int IIR_MODEM = 0x00;
  static final int IIR_THRE = 0x02;
  static final int IIR_RDA = 0x04;
  static final int IIR_LINE_STATUS = 0x06;
  static final int IIR_TIMEOUT = 0x0C;
  static final int IIR_FIFOS_ENABLED = 0xC0;

  static final int FCR_ENABLE = 0x01;
  static final int FCR_CLEAR_RX = 0x02;
  static final int FCR_CLEAR_TX = 0x04;

  static final int LCR_DLAB = 0x80;

  static final int MCR_DTR = 0x01;
  static final int MCR_RTS = 0x02;
  static final int MCR_OUT1 = 0x04;
  static final int MCR_OUT2 = 0x08;
  static final int MCR_LOOP = 0x10;

  static final int LSR_DR = 0x01;
  static final int LSR_OE = 0x02;
  static final int LSR_ERRORS = 0x1E;
  static final int LSR_THRE = 0x20;
  static final int LSR_TEMT = 0x40;
  static final int LSR_FIFO_ERROR = 0x80;

  static final int MSR_DCTS = 0x01;
  static final int MSR_DDSR = 0x02;
  static final int MSR_TERI = 0x04;
  static final int MSR_DDCD = 0x08;
  static final int MSR_CTS = 0x10;
  static final int MSR_DSR = 0x20;
  static final int MSR_RI = 0x40;
  static final int MSR_DCD = 0x80;

  private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

  private final IrqLine irq;
  private CharSink sink;

  int ier;
  int lcr;
  int mcr;
  /** FCR bits that persist: FIFO enable and the RX trigger level (bits 6-7). */
  int fcr;
  /** Latched LSR error bits (OE, PE, FE, BI); cleared when the guest reads LSR. */
  int lsrErrors;
  /** Modem status: lines in bits 4-7, change flags in bits 0-3 (cleared by reading MSR). */
  int msr;
  int scr;
  int dll;
  int dlm;
  /** The THRE interrupt source: set when THR empties, cleared by an IIR read that reports it. */
  boolean thrInterruptPending;

  final byte[] rxFifo = new byte[FIFO_SIZE];
  int rxHead;
  int rxCount;

  /** Host input not yet in the RX FIFO, a ring that grows as needed. */
  byte[] hostQueue = new byte[256];
  int hostHead;
  int hostCount;

  public Uart16550(IrqLine irq, CharSink sink) {
    this.irq = irq;
    this.sink = sink;
    reset();
  }

  public void setSink(CharSink sink) {
    this.sink = sink;
  }

  /** Power-on state (datasheet table 10); pending input is dropped with the rest. */
  public void reset() {
    ier = 0;
    lcr = 0;
    mcr = 0;
    fcr = 0;
    lsrErrors = 0;
    msr = modemLines();
    scr = 0;
    dll = 0;
    dlm = 0;
    thrInterruptPending = false;
    rxHead = 0;
    rxCount = 0;
    hostHead = 0;
    hostCount = 0;
    updateIrq();
  }

  /** Queues bytes arriving on the line. Call on the vCPU thread. */
  public void receive(byte[] data) {
    receive(data, 0, data.length);
  }

  public void receive(byte[] data, int offset, int length) {
    if (hostCount + length > hostQueue.length) {
      int capacity = hostQueue.length;
      while (capacity < hostCount + length) {
        capacity *= 2;
      }
      byte[] grown = new byte[capacity];
      for (int i = 0; i < hostCount; i++) {
        grown[i] = hostQueue[(hostHead + i) % hostQueue.length];
      }
      hostQueue = grown;
      hostHead = 0;
    }
    for (int i = 0; i < length; i++) {
      hostQueue[(hostHead + hostCount) % hostQueue.length] = data[offset + i];
      hostCount++;
    }
    refillRx();
    updateIrq();
  }

  /** Bytes received but not yet read by the guest (host queue plus RX FIFO). */
  public int pendingInput() {
    return hostCount + rxCount;
  }

  /** Flushes the sink; the machine may call it when the guest goes idle. */
  public void flushOutput() {
    sink.flush();
  }

  /** Returns true while the UART asserts its interrupt line. */
  public boolean interruptPending() {
    return interruptId() != IIR_NO_INT;
  }

  @Override
  public long read(long offset, int size) {
    int value;
    switch ((int) offset) {
      case RBR_THR_DLL:
        value = dlab() ? dll : readRbr();
        break;
      case IER_DLM:
        value = dlab() ? dlm : ier;
        break;
      case IIR_FCR:
        value = readIir();
        break;
      case LCR:
        value = lcr;
        break;
      case MCR:
        value = mcr;
        break;
      case LSR:
        value = readLsr();
        break;
      case MSR:
        value = msr;
        msr &= ~(MSR_DCTS | MSR_DDSR | MSR_TERI | MSR_DDCD);
        break;
      case SCR:
        value = scr;
        break;
      default:
        return 0;
    }
    updateIrq();
    return value & 0xFF;
  }

  @Override
  public void write(long offset, int size, long value) {
    int v = (int) value & 0xFF;
    switch ((int) offset) {
      case RBR_THR_DLL:
        if (dlab()) {
          dll = v;
        } else {
          transmit((byte) v);
        }
        break;
      case IER_DLM:
        if (dlab()) {
          dlm = v;
        } else {
          writeIer(v);
        }
        break;
      case IIR_FCR:
        writeFcr(v);
        break;
      case LCR:
        lcr = v;
        break;
      case MCR:
        writeMcr(v);
        break;
      case SCR:
        scr = v;
        break;
      default:
        // LSR and MSR are read-only here (their writes are factory-test only).
        break;
    }
    updateIrq();
  }

  private boolean dlab() {
    return (lcr & LCR_DLAB) != 0;
  }

  private boolean fifoEnabled() {
    return (fcr & FCR_ENABLE) != 0;
  }

  private boolean loopback() {
    return (mcr & MCR_LOOP) != 0;
  }

  private int rxCapacity() {
    return fifoEnabled() ? FIFO_SIZE : 1;
  }

  private int triggerLevel() {
    return TRIGGER_LEVELS[(fcr >>> 6) & 3];
  }

  private int readRbr() {
    if (rxCount == 0) {
      return 0;
    }
    int b = rxFifo[rxHead] & 0xFF;
    rxHead = (rxHead + 1) % FIFO_SIZE;
    rxCount--;
    refillRx();
    return b;
  }

  private int readIir() {
    int id = interruptId();
    if (id == IIR_THRE) {
      // Reading IIR while it reports THRE acknowledges that source (datasheet table 4).
      thrInterruptPending = false;
    }
    return id | (fifoEnabled() ? IIR_FIFOS_ENABLED : 0);
  }

  private int readLsr() {
    int value = lsrErrors | LSR_THRE | LSR_TEMT;
    if (rxCount > 0) {
      value |= LSR_DR;
    }
    if (fifoEnabled() && (lsrErrors & ~LSR_OE & LSR_ERRORS) != 0) {
      value |= LSR_FIFO_ERROR;
    }
    lsrErrors = 0;
    return value;
  }

  private void transmit(byte b) {
    if (loopback()) {
      // In loopback the transmitter feeds the receiver and the line is disconnected.
      if (rxCount == rxCapacity()) {
        lsrErrors |= LSR_OE;
      } else {
        pushRx(b);
      }
    } else {
      sink.write(b);
      if (b == '\n') {
        sink.flush();
      }
    }
    // The byte left THR at once, so THR is empty again and THRE is an interrupt source again.
    thrInterruptPending = true;
  }

  private void writeIer(int v) {
    int old = ier;
    ier = v & 0x0F;
    if ((ier & IER_ETBEI) != 0 && (old & IER_ETBEI) == 0) {
      // Enabling ETBEI with THR empty raises THRE at once; Linux's startup THRE test and
      // UART_BUG_TXEN probe rely on this re-assertion.
      thrInterruptPending = true;
    } else if ((ier & IER_ETBEI) == 0 && (old & IER_ETBEI) != 0) {
      thrInterruptPending = false;
      // Linux stops the transmitter this way once its buffer is empty: the burst is over.
      sink.flush();
    }
  }

  private void writeFcr(int v) {
    boolean wasEnabled = fifoEnabled();
    boolean enable = (v & FCR_ENABLE) != 0;
    if (enable != wasEnabled || (enable && (v & FCR_CLEAR_RX) != 0)) {
      // Toggling FIFO mode resets both FIFOs; the TX side is always empty here.
      rxHead = 0;
      rxCount = 0;
    }
    fcr = v & (FCR_ENABLE | 0xC0);
    if ((v & FCR_CLEAR_TX) != 0 || enable != wasEnabled) {
      thrInterruptPending = true;
    }
    refillRx();
  }

  private void writeMcr(int v) {
    boolean wasLoopback = loopback();
    mcr = v & 0x1F;
    int old = msr;
    int lines = modemLines();
    int delta = 0;
    if (((old ^ lines) & MSR_CTS) != 0) {
      delta |= MSR_DCTS;
    }
    if (((old ^ lines) & MSR_DSR) != 0) {
      delta |= MSR_DDSR;
    }
    if ((old & MSR_RI) != 0 && (lines & MSR_RI) == 0) {
      delta |= MSR_TERI;
    }
    if (((old ^ lines) & MSR_DCD) != 0) {
      delta |= MSR_DDCD;
    }
    msr = lines | (old & 0x0F) | delta;
    if (wasLoopback && !loopback()) {
      refillRx();
    }
  }

  /**
   * The modem input lines: wired to MCR outputs in loopback (DTR to DSR, RTS to CTS, OUT1 to RI,
   * OUT2 to DCD), otherwise an attached terminal that is always ready (CTS, DSR, DCD).
   */
  private int modemLines() {
    if (!loopback()) {
      return MSR_CTS | MSR_DSR | MSR_DCD;
    }
    int lines = 0;
    if ((mcr & MCR_DTR) != 0) {
      lines |= MSR_DSR;
    }
    if ((mcr & MCR_RTS) != 0) {
      lines |= MSR_CTS;
    }
    if ((mcr & MCR_OUT1) != 0) {
      lines |= MSR_RI;
    }
    if ((mcr & MCR_OUT2) != 0) {
      lines |= MSR_DCD;
    }
    return lines;
  }

  private void pushRx(byte b) {
    rxFifo[(rxHead + rxCount) % FIFO_SIZE] = b;
    rxCount++;
  }

  /** Moves host input into the RX FIFO while there is room (not in loopback). */
  private void refillRx() {
    if (loopback()) {
      return;
    }
    int capacity = rxCapacity();
    while (rxCount < capacity && hostCount > 0) {
      pushRx(hostQueue[hostHead]);
      hostHead = (hostHead + 1) % hostQueue.length;
      hostCount--;
    }
  }

  /** The highest-priority pending interrupt, as IIR bits 0-3 (datasheet table 4). */
  private int interruptId() {
    if ((ier & IER_ELSI) != 0 && (lsrErrors & LSR_ERRORS) != 0) {
      return IIR_LINE_STATUS;
    }
    if ((ier & IER_ERBFI) != 0 && rxCount > 0) {
      return !fifoEnabled() || rxCount >= triggerLevel() ? IIR_RDA : IIR_TIMEOUT;
    }
    if ((ier & IER_ETBEI) != 0 && thrInterruptPending) {
      return IIR_THRE;
    }
    if ((ier & IER_EDSSI) != 0 && (msr & 0x0F) != 0) {
      return IIR_MODEM;
    }
    return IIR_NO_INT;
  }

  void updateIrq() {
    // OUT2 gates the interrupt on PC serial cards, but QEMU and the DT-described UART don't.
    irq.set(interruptId() != IIR_NO_INT);
  }
}
