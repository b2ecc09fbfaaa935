package dev.cairn.hw.chr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.state.StateException;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The UART's state description: a restored UART reads, interrupts and transmits the same. */
class Uart16550StateTest {

  private static final int RBR = 0;
  private static final int IER = 1;
  private static final int IIR = 2;
  private static final int LCR = 3;
  private static final int MCR = 4;
  private static final int LSR = 5;
  private static final int MSR = 6;
  private static final int SCR = 7;

  /** A UART with its line and its output, as a test sees them. */
  private static final class Rig {
    boolean irq;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final Uart16550 uart = new Uart16550(level -> irq = level, out::write);

    int in(int reg) {
      return (int) uart.read(reg, 1);
    }

    void out(int reg, int value) {
      uart.write(reg, 1, value);
    }
  }

  /** 115200 8N1, FIFOs on at trigger 14, RX and line-status interrupts, 20 bytes received. */
  private static Rig busy() {
    Rig r = new Rig();
    r.out(LCR, 0x80);
    r.out(RBR, 1); // DLL
    r.out(IER, 0); // DLM
    r.out(LCR, 0x03);
    r.out(IIR, 0xC1); // FCR: enable, trigger 14
    r.out(IER, 0x05);
    r.out(MCR, 0x0B);
    r.out(SCR, 0x5A);
    r.uart.receive("the quick brown fox!".getBytes(StandardCharsets.US_ASCII));
    r.in(RBR);
    r.in(RBR);
    return r;
  }

  private static Rig restore(Rig original) throws StateException {
    Rig copy = new Rig();
    StateReader.fromBytes(Uart16550State.DESCRIPTION, copy.uart,
        StateWriter.toBytes(Uart16550State.DESCRIPTION, original.uart), 1);
    return copy;
  }

  @Test
  void aRestoredUartReadsTheSameRegistersAndTheSameInput() throws Exception {
    Rig original = busy();
    Rig copy = restore(original);

    assertEquals(original.irq, copy.irq);
    assertTrue(copy.irq, "16 bytes in the FIFO are above the trigger level");
    for (int reg : new int[] {IER, LCR, MCR, MSR, SCR, IIR}) {
      assertEquals(original.in(reg), copy.in(reg), "register " + reg);
    }
    original.out(LCR, 0x83);
    copy.out(LCR, 0x83);
    assertEquals(original.in(RBR), copy.in(RBR), "DLL");
    assertEquals(original.in(IER), copy.in(IER), "DLM");
    original.out(LCR, 0x03);
    copy.out(LCR, 0x03);

    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    while ((original.in(LSR) & 1) != 0) {
      a.append((char) original.in(RBR));
      assertEquals(1, copy.in(LSR) & 1);
      b.append((char) copy.in(RBR));
      assertEquals(original.irq, copy.irq);
    }
    assertEquals("e quick brown fox!", a.toString());
    assertEquals(a.toString(), b.toString(), "FIFO and queued host input both came back");
    assertEquals(0, copy.in(LSR) & 1);
  }

  @Test
  void aRestoredUartTransmitsAndRaisesThreLikeTheOriginal() throws Exception {
    Rig original = busy();
    original.out(IER, 0x02); // THRE only
    Rig copy = restore(original);

    assertEquals(original.in(IIR), copy.in(IIR));
    copy.out(RBR, 'x');
    assertEquals("x", copy.out.toString(StandardCharsets.US_ASCII));
    assertEquals(0xC2, copy.in(IIR), "THRE re-armed after the write, FIFOs still on");
  }

  @Test
  void hostInputIsASubsectionWrittenOnlyWhileThereIsSome() {
    Rig quiet = new Rig();
    Rig typing = new Rig();
    typing.uart.receive(new byte[40]);

    int extra = StateWriter.toBytes(Uart16550State.DESCRIPTION, typing.uart).length
        - StateWriter.toBytes(Uart16550State.DESCRIPTION, quiet.uart).length;
    // FIFOs off: one byte in the receiver, 39 queued. Name length, name, version, payload
    // length, field count, array length, the bytes, no nested subsections.
    assertEquals(1 + "uart16550/host-input".length() + 4 + 4 + 2 + 4 + 39 + 1, extra);
  }

  @Test
  void aFifoIndexOutOfRangeIsRefusedAndTheUartIsUntouched() {
    Rig source = busy();
    source.uart.rxHead = 16;
    Rig target = busy();
    target.out(SCR, 0x33);
    boolean irq = target.irq;

    StateException e = assertThrows(StateException.class, () -> StateReader.fromBytes(
        Uart16550State.DESCRIPTION, target.uart,
        StateWriter.toBytes(Uart16550State.DESCRIPTION, source.uart), 1));
    assertEquals("section 'uart16550' field 'rxHead': value 0x10 refused "
        + "(an index into the 16-byte FIFO)", e.getMessage());
    assertEquals(0x33, target.in(SCR));
    assertEquals(irq, target.irq);
    assertEquals('e', target.in(RBR), "the FIFO still holds what it held");
  }
}
