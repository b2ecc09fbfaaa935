package dev.cairn.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.memory.DirtyClient;
import dev.cairn.memory.DirtyLog;
import dev.cairn.memory.GuestRam;
import dev.cairn.memory.PhysicalBus;
import org.junit.jupiter.api.Test;

/**
 * The hart's stores reach the dirty log through the soft-TLB trick: a store to a page is seen on
 * the first store after each harvest, never lost, while repeated stores stay on the fast path.
 */
class HartDirtyTrackingTest {

  private static final long RAM = 0x8000_0000L;
  private static final long DATA = RAM + 0x10_000;

  /** sd t1, 0(t0); addi t0, t0, 8; jal x0, -8 : stores forever, walking through memory. */
  private static final int[] STORE_LOOP = {
    (6 << 20) | (5 << 15) | (3 << 12) | 0x23, // sd t1, 0(t0)
    (8 << 20) | (5 << 15) | (5 << 7) | 0x13, // addi t0, t0, 8
    0xff9ff06f // jal x0, -8
  };

  private static Hart hartWithStoreLoop(GuestRam ram) {
    for (int i = 0; i < STORE_LOOP.length; i++) {
      ram.writeInt(RAM + 4L * i, STORE_LOOP[i]);
    }
    Hart hart = new Hart(0, new PhysicalBus(ram), () -> 0);
    hart.setPc(RAM);
    hart.setRegister(5, DATA);
    hart.setRegister(6, -1);
    return hart;
  }

  private static int pageOf(long address) {
    return (int) ((address - RAM) >>> GuestRam.PAGE_SHIFT);
  }

  @Test
  void everyPageTheHartStoresToIsReportedAfterEachHarvest() {
    GuestRam ram = new GuestRam(RAM, 1 << 20);
    Hart hart = hartWithStoreLoop(ram);
    DirtyLog log = ram.dirtyLog();
    log.startLogging(DirtyClient.MIGRATION, false);
    log.sync(DirtyClient.MIGRATION); // loading the program dirtied page 0

    hart.run(3 * 1024); // 1024 stores of 8 bytes: two pages
    long[] first = log.sync(DirtyClient.MIGRATION);
    assertEquals(2, DirtyLog.count(first));

    hart.setRegister(5, DATA); // store to the same two pages again, after the harvest
    hart.run(3 * 1024);
    long[] second = log.sync(DirtyClient.MIGRATION);
    assertEquals(2, DirtyLog.count(second), "stores after a harvest must be seen again");
    assertEquals(1, (second[pageOf(DATA) >>> 6] >>> (pageOf(DATA) & 63)) & 1);
  }

  @Test
  void storingIntoDecodedCodeMakesTheHartRunTheNewInstruction() {
    GuestRam ram = new GuestRam(RAM, 1 << 20);
    int addiA0By1 = (1 << 20) | (10 << 15) | (10 << 7) | 0x13;
    int addiA0By100 = (100 << 20) | (10 << 15) | (10 << 7) | 0x13;
    int swT1AtT0 = (6 << 20) | (5 << 15) | (2 << 12) | 0x23;
    int jalBack8 = 0xff9ff06f;
    // 0: addi a0, a0, 1   (decoded and run first)
    // 4: sw t1, 0(t0)      (t0 = RAM: overwrites instruction 0 with addi a0, a0, 100)
    // 8: jal x0, -8        (back to the patched instruction)
    int[] program = {addiA0By1, swT1AtT0, jalBack8};
    for (int i = 0; i < program.length; i++) {
      ram.writeInt(RAM + 4L * i, program[i]);
    }
    Hart hart = new Hart(0, new PhysicalBus(ram), () -> 0);
    hart.setPc(RAM);
    hart.setRegister(5, RAM);
    hart.setRegister(6, addiA0By100);
    hart.run(4);
    assertEquals(101, hart.register(10), "the patched instruction, not the decoded one, ran");
  }
}
