package dev.cairn.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.memory.GuestRam;
import dev.cairn.memory.PhysicalBus;
import org.junit.jupiter.api.Test;

/** Interrupt-pin behaviour of the hart that the ISA programs cannot reach (the PLIC's SEIP line). */
class HartInterruptTest {

  private static final long RAM = 0x8000_0000L;

  private static int csrrc(int rd, int csr, int rs1) {
    return (csr << 20) | (rs1 << 15) | (3 << 12) | (rd << 7) | 0x73;
  }

  private static int csrrs(int rd, int csr, int rs1) {
    return (csr << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x73;
  }

  private static Hart hartRunning(int... program) {
    GuestRam ram = new GuestRam(RAM, 1 << 20);
    for (int i = 0; i < program.length; i++) {
      ram.writeInt(RAM + 4L * i, program[i]);
    }
    Hart hart = new Hart(0, new PhysicalBus(ram), () -> 0);
    hart.setPc(RAM);
    return hart;
  }

  @Test
  void clearingStipWhileThePlicRaisesSeipDoesNotLatchSeip() {
    // csrrc x0, mip, t0 with t0 = STIP: what OpenSBI does when the kernel sets its next timer.
    Hart hart = hartRunning(csrrc(0, Csr.MIP, 5));
    hart.setRegister(5, Csr.STIP_BIT);
    hart.setInterruptPending(InterruptTarget.SEIP, true);
    hart.run(1);
    hart.setInterruptPending(InterruptTarget.SEIP, false);

    assertEquals(0, hart.debugReadCsr(Csr.MIP) & Csr.SEIP_BIT,
        "SEIP must follow the PLIC line once it drops");
  }

  @Test
  void mipReadsTheOrOfSoftwareSeipAndTheLine() {
    Hart hart = hartRunning(csrrs(0, Csr.MIP, 5));
    hart.setRegister(5, Csr.SEIP_BIT);
    hart.run(1);

    assertEquals(Csr.SEIP_BIT, hart.debugReadCsr(Csr.MIP) & Csr.SEIP_BIT);
    hart.setInterruptPending(InterruptTarget.SEIP, true);
    hart.setInterruptPending(InterruptTarget.SEIP, false);
    assertEquals(Csr.SEIP_BIT, hart.debugReadCsr(Csr.MIP) & Csr.SEIP_BIT,
        "the software-written SEIP stays until software clears it");
  }
}
