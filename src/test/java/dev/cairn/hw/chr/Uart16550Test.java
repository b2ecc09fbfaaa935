package dev.cairn.hw.chr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Uart16550Test {

  private static final int RBR = 0;
  private static final int THR = 0;
  private static final int IER = 1;
  private static final int IIR = 2;
  private static final int FCR = 2;
  private static final int LCR = 3;
  private static final int MCR = 4;
  private static final int LSR = 5;
  private static final int MSR = 6;
  private static final int SCR = 7;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private boolean irq;
  private int flushes;
  private final CharSink sink =
      new CharSink() {
        @Override
        public void write(byte b) {
          out.write(b);
        }

        @Override
        public void flush() {
          flushes++;
        }
      };
  private final Uart16550 uart = new Uart16550(level -> irq = level, sink);

  private int in(int reg) {
    return (int) uart.read(reg, 1);
  }

  private void out(int reg, int value) {
    uart.write(reg, 1, value);
  }

  @Test
  void bytesWrittenToThrReachTheSink() {
    for (byte b : "hi\n".getBytes(StandardCharsets.US_ASCII)) {
      assertEquals(0x60, in(LSR) & 0x60, "THRE and TEMT before each byte");
      out(THR, b);
    }
    assertEquals("hi\n", out.toString(StandardCharsets.US_ASCII));
    assertTrue(flushes > 0, "a newline flushes the sink");
  }

  @Test
  void receivedBytesComeOutOfRbrInOrderWithDataReady() {
    out(FCR, 0x07);
    assertEquals(0, in(LSR) & 0x01);
    uart.receive("abc".getBytes(StandardCharsets.US_ASCII));
    StringBuilder got = new StringBuilder();
    while ((in(LSR) & 0x01) != 0) {
      got.append((char) in(RBR));
    }
    assertEquals("abc", got.toString());
    assertEquals(0, uart.pendingInput());
  }

  @Test
  void noByteIsLostWhenMoreThanTheFifoIsQueued() {
    out(FCR, 0x01);
    byte[] data = new byte[1000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    uart.receive(data, 0, 500);
    uart.receive(data, 500, 500);
    assertEquals(1000, uart.pendingInput());
    assertEquals(0, in(LSR) & 0x02, "no overrun");
    byte[] got = new byte[data.length];
    int n = 0;
    while ((in(LSR) & 0x01) != 0) {
      got[n++] = (byte) in(RBR);
    }
    assertEquals(1000, n);
    assertArrayEquals(data, got);
  }

  @Test
  void withoutFifosOnlyOneByteIsHeldButNoneIsLost() {
    uart.receive(new byte[] {1, 2, 3});
    assertEquals(0x01, in(IIR), "IIR bits 6-7 clear when FIFOs are off");
    assertEquals(1, in(RBR));
    assertEquals(2, in(RBR));
    assertEquals(3, in(RBR));
    assertEquals(0, in(LSR) & 0x01);
  }

  @Test
  void iirShowsFifosEnabledInBitsSixAndSeven() {
    out(FCR, 0x01);
    assertEquals(0xC1, in(IIR));
    out(FCR, 0x00);
    assertEquals(0x01, in(IIR));
  }

  @Test
  void rxInterruptUsesTheTriggerLevelAndTimeoutBelowIt() {
    out(FCR, 0x81); // FIFO on, trigger 8
    out(IER, 0x01);
    assertFalse(irq);
    uart.receive(new byte[5]);
    assertTrue(irq);
    assertEquals(0xCC, in(IIR), "below the trigger level: character timeout");
    uart.receive(new byte[3]);
    assertEquals(0xC4, in(IIR), "at the trigger level: received data available");
    for (int i = 0; i < 8; i++) {
      in(RBR);
    }
    assertEquals(0xC1, in(IIR));
    assertFalse(irq);
  }

  @Test
  void triggerLevelsAreOneFourEightFourteen() {
    int[] levels = {1, 4, 8, 14};
    for (int i = 0; i < 4; i++) {
      uart.reset();
      out(FCR, 0x01 | (i << 6));
      out(IER, 0x01);
      uart.receive(new byte[levels[i] - 1]);
      if (levels[i] > 1) {
        assertEquals(0xCC, in(IIR), "level " + levels[i]);
      }
      uart.receive(new byte[1]);
      assertEquals(0xC4, in(IIR), "level " + levels[i]);
    }
  }

  @Test
  void thrEmptyInterruptFollowsEtbeiAsLinuxProbesIt() {
    out(IER, 0x02);
    assertTrue(irq);
    assertEquals(0x02, in(IIR));
    // Reading IIR acknowledged THRE.
    assertEquals(0x01, in(IIR));
    assertFalse(irq);
    // Linux's THRE test: disabling and re-enabling ETBEI must re-assert it.
    out(IER, 0x00);
    out(IER, 0x02);
    assertEquals(0x02, in(IIR));
    // Writing THR re-arms it too, since the byte leaves at once.
    out(THR, 'x');
    assertTrue(irq);
    assertEquals(0x02, in(IIR));
  }

  @Test
  void disablingEtbeiFlushesTheSink() {
    out(IER, 0x02);
    int before = flushes;
    out(IER, 0x00);
    assertEquals(before + 1, flushes);
  }

  @Test
  void receivedDataOutranksThrEmpty() {
    out(FCR, 0x01);
    out(IER, 0x03);
    uart.receive(new byte[] {'a'});
    assertEquals(0xC4, in(IIR));
    in(RBR);
    assertEquals(0xC2, in(IIR));
  }

  @Test
  void lineStatusOutranksReceivedDataAndClearsOnLsrRead() {
    out(FCR, 0x01);
    out(MCR, 0x10); // loopback
    out(IER, 0x05);
    for (int i = 0; i < 17; i++) {
      out(THR, i);
    }
    assertEquals(0xC6, in(IIR), "overrun is a line status interrupt");
    int lsr = in(LSR);
    assertEquals(0x02, lsr & 0x02);
    assertEquals(0xC4, in(IIR));
    assertEquals(0, in(LSR) & 0x02, "reading LSR cleared the overrun");
  }

  @Test
  void loopbackWiresMcrToMsrAndThrToRbr() {
    out(MCR, 0x10 | 0x0A); // the 8250 autoconfig test
    assertEquals(0x90, in(MSR) & 0xF0);
    out(THR, 'q');
    assertEquals(0, out.size(), "nothing reaches the line in loopback");
    assertEquals(0x01, in(LSR) & 0x01);
    assertEquals('q', in(RBR));
    out(MCR, 0);
    assertEquals(0xB0, in(MSR) & 0xF0, "a ready terminal outside loopback");
  }

  @Test
  void hostInputWaitsDuringLoopback() {
    out(MCR, 0x10);
    uart.receive(new byte[] {'z'});
    assertEquals(0, in(LSR) & 0x01);
    out(MCR, 0);
    assertEquals('z', in(RBR));
  }

  @Test
  void ierKeepsOnlyItsLowFourBitsAndScratchHoldsAByte() {
    out(IER, 0xFF);
    assertEquals(0x0F, in(IER));
    out(SCR, 0xA5);
    assertEquals(0xA5, in(SCR));
  }

  @Test
  void dlabSwitchesOffsetsZeroAndOneToTheDivisor() {
    out(IER, 0x01);
    out(LCR, 0x83);
    out(0, 0x02);
    out(1, 0x00);
    assertEquals(0x02, in(0));
    assertEquals(0x00, in(1));
    out(LCR, 0x03);
    assertEquals(0x01, in(IER), "IER untouched by the divisor writes");
    assertEquals(0, out.size(), "the divisor write did not transmit");
  }

  @Test
  void fifoClearDropsTheFifoButNotTheHostQueue() {
    out(FCR, 0x01);
    byte[] data = new byte[20];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    uart.receive(data);
    out(FCR, 0x03);
    assertEquals(16, in(RBR), "the 16 bytes in the FIFO were dropped, the rest refilled it");
  }

  @Test
  void resetLowersTheInterruptAndClearsRegisters() {
    out(IER, 0x0F);
    out(LCR, 0x1B);
    uart.receive(new byte[] {1});
    uart.reset();
    assertFalse(irq);
    assertEquals(0, in(IER));
    assertEquals(0, in(LCR));
    assertEquals(0, uart.pendingInput());
  }
}
