package dev.cairn.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuestRamTest {

  private static final long BASE = 0x8000_0000L;

  @Test
  void aSixteenGibGuestCostsOnlyThePagesItTouches() {
    GuestRam ram = new GuestRam(BASE, 16L << 30);
    ram.writeLong(BASE + (16L << 30) - 8, 0x1122_3344_5566_7788L);
    ram.writeByte(BASE + (6L << 30), (byte) 7);

    assertEquals(0x1122_3344_5566_7788L, ram.readLong(BASE + (16L << 30) - 8));
    assertEquals(7, ram.readByte(BASE + (6L << 30)));
    assertEquals(0, ram.readLong(BASE + (9L << 30)), "untouched memory reads as zero");
    assertEquals(2, ram.presentPages(), "reads never allocate");
  }

  @Test
  void valuesAreLittleEndianAndMayStraddlePages() {
    GuestRam ram = new GuestRam(BASE, 1 << 20);
    long at = BASE + GuestRam.PAGE_SIZE - 3;
    ram.writeLong(at, 0x0102_0304_0506_0708L);

    assertEquals(0x08, ram.readByte(at));
    assertEquals(0x0102_0304_0506_0708L, ram.readLong(at));
    byte[] bytes = new byte[8];
    ram.read(at, bytes, 0, 8);
    assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, bytes);
  }

  @Test
  void accessesOutsideRamAreRefusedWithTheAddress() {
    GuestRam ram = new GuestRam(BASE, 1 << 20);
    GuestMemoryException e =
        assertThrows(GuestMemoryException.class, () -> ram.writeInt(BASE + (1 << 20) - 2, 1));
    assertTrue(e.getMessage().contains("0x800ffffe"), e.getMessage());
  }

  @Test
  void eachClientHarvestsItsOwnDirtyPages() {
    GuestRam ram = new GuestRam(BASE, 1 << 20);
    DirtyLog log = ram.dirtyLog();
    log.startLogging(DirtyClient.MIGRATION, false);
    ram.writeByte(BASE + 5 * GuestRam.PAGE_SIZE, (byte) 1);
    log.startLogging(DirtyClient.DISPLAY, false);
    ram.writeByte(BASE + 9 * GuestRam.PAGE_SIZE, (byte) 1);

    long[] migration = log.sync(DirtyClient.MIGRATION);
    long[] display = log.sync(DirtyClient.DISPLAY);

    assertEquals((1L << 5) | (1L << 9), migration[0]);
    assertEquals(1L << 9, display[0], "DISPLAY started logging after page 5 was written");
    assertEquals(0, DirtyLog.count(log.sync(DirtyClient.MIGRATION)), "a harvest clears the bits");
  }

  @Test
  void startingWithAllDirtyReportsEveryPage() {
    GuestRam ram = new GuestRam(BASE, 1 << 20);
    ram.dirtyLog().startLogging(DirtyClient.MIGRATION, true);
    assertEquals(256, DirtyLog.count(ram.dirtyLog().sync(DirtyClient.MIGRATION)));
  }

  @Test
  void writesToCodePagesAreReportedOnce() {
    GuestRam ram = new GuestRam(BASE, 1 << 20);
    long[] reported = new long[1];
    ram.setCodeWriteListener(page -> reported[0]++);
    ram.markCodePage(3);
    ram.writeInt(BASE + 3 * GuestRam.PAGE_SIZE + 16, 42);
    ram.writeInt(BASE + 3 * GuestRam.PAGE_SIZE + 20, 43);
    assertEquals(1, reported[0], "after the first write the page no longer holds decoded code");
  }
}
