package dev.cairn.migration.ram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.memory.DirtyClient;
import dev.cairn.memory.GuestRam;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RamSectionTest {

  private static final long BASE = 0x8000_0000L;
  private static final int CHUNK = 256 * 1024;

  /** Sends every pending page of the current harvest; returns the chunks. */
  private static List<byte[]> drain(RamSaver saver) {
    List<byte[]> chunks = new ArrayList<>();
    byte[] chunk;
    while ((chunk = saver.nextChunk(CHUNK)).length > 0) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static void apply(RamLoader loader, List<byte[]> chunks) throws RamSectionException {
    for (byte[] chunk : chunks) {
      loader.loadChunk(chunk);
    }
  }

  @Test
  void aSixGibSparseGuestArrivesWholeWithZeroPagesAsFlagsOnly() throws Exception {
    long size = 6L << 30;
    GuestRam source = new GuestRam(BASE, size);
    long[] addresses = {BASE, BASE + (4L << 30) + (1L << 29), BASE + size - 8};
    for (int i = 0; i < addresses.length; i++) {
      source.writeLong(addresses[i], 0x0123_4567_89ab_cdefL + i);
    }
    source.writeLong(BASE + 0x5000, 0); // written but zero: still a zero page on the wire

    RamSaver saver = new RamSaver(source);
    byte[] header = saver.setup();
    List<byte[]> chunks = drain(saver);
    saver.finish();

    long pages = size / GuestRam.PAGE_SIZE;
    assertEquals(3, saver.dataPages());
    assertEquals(pages - 3, saver.zeroPages());
    long payload = chunks.stream().mapToLong(c -> c.length).sum();
    assertEquals(3L * (8 + GuestRam.PAGE_SIZE) + (pages - 3) * 8, payload);

    GuestRam target = new GuestRam(BASE, size);
    target.writeLong(BASE + 0x9000, -1); // stale contents the stream must clear
    RamLoader loader = new RamLoader(target);
    loader.loadHeader(header);
    apply(loader, chunks);
    for (int i = 0; i < addresses.length; i++) {
      assertEquals(0x0123_4567_89ab_cdefL + i, target.readLong(addresses[i]));
    }
    assertEquals(0, target.readLong(BASE + 0x9000));
    assertEquals(3, target.presentPages(), "zero pages do not allocate on the destination");
  }

  @Test
  void pagesWrittenDuringTheSaveAreSentAgainAndTheCopyEndsEqual() throws Exception {
    GuestRam source = new GuestRam(BASE, 8L << 20);
    for (long a = BASE; a < BASE + (8L << 20); a += 64 * 1024) {
      source.writeLong(a, a);
    }
    RamSaver saver = new RamSaver(source);
    GuestRam target = new GuestRam(BASE, 8L << 20);
    RamLoader loader = new RamLoader(target);
    loader.loadHeader(saver.setup());

    // First pass, interrupted half-way by guest writes to pages already sent and not yet sent.
    byte[] first = saver.nextChunk(CHUNK);
    loader.loadChunk(first);
    source.writeLong(BASE + 8, 111); // page 0: already sent
    source.writeLong(BASE + (7L << 20), 222); // a page the first pass has not reached
    apply(loader, drain(saver));

    long dirty = saver.syncDirty();
    assertTrue(dirty >= 1, "the write to page 0 after it was sent is pending again");
    apply(loader, drain(saver));
    saver.finish();

    for (long a = BASE; a < BASE + (8L << 20); a += GuestRam.PAGE_SIZE) {
      byte[] expected = new byte[GuestRam.PAGE_SIZE];
      byte[] actual = new byte[GuestRam.PAGE_SIZE];
      source.read(a, expected, 0, expected.length);
      target.read(a, actual, 0, actual.length);
      assertArrayEquals(expected, actual, String.format("page at 0x%x", a));
    }
    assertEquals(2, saver.syncCount());
    assertFalse(source.dirtyLog().isLogging(DirtyClient.MIGRATION), "finish stops logging");
  }

  @Test
  void aStreamForAnotherRamSizeIsRefusedNamingBothSizes() {
    RamSaver saver = new RamSaver(new GuestRam(BASE, 512L << 20));
    byte[] header = saver.setup();
    RamLoader loader = new RamLoader(new GuestRam(BASE, 1024L << 20));

    RamSectionException e = assertThrows(RamSectionException.class, () -> loader.loadHeader(header));
    assertEquals("stream is for 512 MiB of RAM at 0x80000000; this VM has 1024 MiB at 0x80000000",
        e.getMessage());
  }

  @Test
  void aPageBeyondTheEndOfRamIsRefused() throws Exception {
    GuestRam target = new GuestRam(BASE, 1L << 20);
    RamLoader loader = new RamLoader(target);
    loader.loadHeader(new RamSaver(new GuestRam(BASE, 1L << 20)).setup());
    byte[] entry = ByteBuffer.allocate(8).putLong(RamPages.entry(256, RamPages.ZERO)).array();

    RamSectionException e = assertThrows(RamSectionException.class, () -> loader.loadChunk(entry));
    assertTrue(e.getMessage().contains("beyond the end of RAM"), e.getMessage());
  }

  @Test
  void aTruncatedPageIsRefused() throws Exception {
    GuestRam source = new GuestRam(BASE, 1L << 20);
    source.writeLong(BASE, 42);
    RamSaver saver = new RamSaver(source);
    RamLoader loader = new RamLoader(new GuestRam(BASE, 1L << 20));
    loader.loadHeader(saver.setup());
    byte[] chunk = saver.nextChunk(CHUNK);
    byte[] cut = java.util.Arrays.copyOf(chunk, 100);

    RamSectionException e = assertThrows(RamSectionException.class, () -> loader.loadChunk(cut));
    assertEquals("RAM page data is truncated", e.getMessage());
  }
}
