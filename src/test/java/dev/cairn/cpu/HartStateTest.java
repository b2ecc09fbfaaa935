package dev.cairn.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.memory.GuestRam;
import dev.cairn.memory.PhysicalBus;
import dev.cairn.state.StateException;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import org.junit.jupiter.api.Test;

/** The hart's state description: a round trip reproduces every register and CSR. */
class HartStateTest {

  private static final long RAM = 0x8000_0000L;

  private static int addi(int rd, int rs1, int imm) {
    return (imm << 20) | (rs1 << 15) | (rd << 7) | 0x13;
  }

  private static int csrrw(int rd, int csr, int rs1) {
    return (csr << 20) | (rs1 << 15) | (1 << 12) | (rd << 7) | 0x73;
  }

  private static final int[] PROGRAM = {
    csrrw(6, Csr.MSCRATCH, 5), addi(7, 7, 1), csrrw(8, Csr.SSCRATCH, 7), addi(9, 6, 3),
  };

  private static Hart hart() {
    GuestRam ram = new GuestRam(RAM, 1 << 20);
    for (int i = 0; i < PROGRAM.length; i++) {
      ram.writeInt(RAM + 4L * i, PROGRAM[i]);
    }
    Hart hart = new Hart(0, new PhysicalBus(ram), () -> 1234);
    hart.setPc(RAM);
    return hart;
  }

  /** A hart with every saved field non-zero, partly set by executing instructions. */
  private static Hart busyHart() {
    Hart h = hart();
    for (int i = 1; i < 32; i++) {
      h.setRegister(i, 0x1111_0000_0000L * i + i);
    }
    for (int i = 0; i < 32; i++) {
      h.f[i] = 0xFFFF_FFFF_0000_0000L | i;
    }
    h.run(2); // csrrw mscratch, addi
    h.medeleg = 0xB1FF;
    h.mideleg = 0x222;
    h.mie = 0xAAA;
    h.mtvec = RAM + 0x101;
    h.mcounteren = 7;
    h.menvcfg = 1L << 63;
    h.mepc = RAM + 0x40;
    h.mcause = (1L << 63) | 7;
    h.mtval = 0xDEAD;
    h.stvec = 0xFFFF_FFFF_8000_0000L;
    h.scounteren = 2;
    h.senvcfg = 1;
    h.sscratch = 0x5C;
    h.sepc = 0xFFFF_FFFF_8000_1234L;
    h.scause = 13;
    h.stval = 0xBEEF;
    h.satp = (8L << 60) | 0x80123;
    h.mcountinhibit = 5;
    h.pmpcfg[0] = 0x1F;
    h.pmpcfg[2] = 0x0F00;
    h.pmpaddr[0] = -1L >>> 10;
    h.pmpaddr[63] = 0x1234;
    h.mipSoftware = Csr.STIP_BIT;
    h.frm = 3;
    h.fpu.flags = 0x11;
    h.reservationValid = true;
    h.reservationAddress = RAM + 0x800;
    h.mstatus |= Csr.MSTATUS_MPIE | (1L << Csr.MSTATUS_MPP_SHIFT);
    return h;
  }

  private static Hart roundTrip(Hart original) throws StateException {
    Hart copy = hart();
    StateReader.fromBytes(HartState.DESCRIPTION, copy,
        StateWriter.toBytes(HartState.DESCRIPTION, original), HartState.DESCRIPTION.version());
    return copy;
  }

  @Test
  void aRoundTripReproducesEveryCsrAndRegister() throws Exception {
    Hart original = busyHart();
    Hart copy = roundTrip(original);

    for (int csr = 0; csr < 0x1000; csr++) {
      assertEquals(original.debugReadCsr(csr), copy.debugReadCsr(csr),
          "CSR 0x" + Integer.toHexString(csr));
    }
    for (int i = 0; i < 32; i++) {
      assertEquals(original.register(i), copy.register(i), "x" + i);
      assertEquals(original.fpRegister(i), copy.fpRegister(i), "f" + i);
    }
    assertEquals(original.pc(), copy.pc());
    assertEquals(original.privilege(), copy.privilege());
    assertEquals(original.instret(), copy.instret());
    assertEquals(original.reservationValid, copy.reservationValid);
    assertEquals(original.reservationAddress, copy.reservationAddress);
  }

  @Test
  void theRestoredHartRunsOnLikeTheOriginal() throws Exception {
    Hart original = busyHart();
    Hart copy = roundTrip(original);

    original.run(2);
    copy.run(2);

    assertEquals(original.pc(), copy.pc());
    for (int i = 0; i < 32; i++) {
      assertEquals(original.register(i), copy.register(i), "x" + i);
    }
    assertEquals(original.debugReadCsr(Csr.SSCRATCH), copy.debugReadCsr(Csr.SSCRATCH));
  }

  @Test
  void theWfiStateIsRestored() throws Exception {
    Hart original = busyHart();
    original.waitingForInterrupt = true;

    assertTrue(roundTrip(original).isWaitingForInterrupt());
  }

  @Test
  void interruptLinesAreNotHartState() throws Exception {
    Hart original = busyHart();
    original.setInterruptPending(InterruptTarget.MEIP, true);

    Hart copy = roundTrip(original);
    assertEquals(0, copy.debugReadCsr(Csr.MIP) & (1L << InterruptTarget.MEIP),
        "the PLIC re-drives MEIP when it loads");
  }

  @Test
  void anImpossiblePrivilegeIsRefusedAndTheHartIsUntouched() {
    Hart source = busyHart();
    source.priv = 2;
    Hart target = hart();
    target.setRegister(1, 77);

    StateException e = assertThrows(StateException.class, () -> StateReader.fromBytes(
        HartState.DESCRIPTION, target, StateWriter.toBytes(HartState.DESCRIPTION, source), 1));
    assertEquals("section 'hart' field 'priv': value 0x2 refused "
        + "(privilege 0 (U), 1 (S) or 3 (M))", e.getMessage());
    assertEquals(77, target.register(1));
    assertEquals(RAM, target.pc());
  }
}
