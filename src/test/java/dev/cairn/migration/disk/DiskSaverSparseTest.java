package dev.cairn.migration.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.block.DriveRegistry;
import dev.cairn.block.qcow2.QemuImg;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first pass of a storage migration over a sparse disk: the empty part is sent as zero flags
 * without being read, in chunks bounded by size rather than by the scan limit, and the written
 * blocks still go with their data.
 */
class DiskSaverSparseTest {

  @TempDir Path dir;

  @Test
  void aSparseDiskIsSentInAFewChunksWithOnlyItsWrittenBlocksAsData() throws Exception {
    Path file = dir.resolve("big.qcow2");
    QemuImg.ok("qemu-img", "create", "-q", "-f", "qcow2", file.toString(), "4G");
    QemuImg.ok("qemu-io", "-c", "write -P 0x5a 1G 128k", file.toString());
    long blocks = (4L << 30) / DiskSection.BLOCK_SIZE;
    int chunks = 0;
    long entries = 0;
    long dataBlocks = 0;
    try (DriveRegistry drives = new DriveRegistry()) {
      DiskSaver saver = new DiskSaver(0, drives.open("hd0", file, "qcow2", false));
      saver.setup();
      byte[] chunk;
      while ((chunk = saver.nextChunk(256 << 10)).length > 0) {
        chunks++;
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(chunk));
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          long index = in.readLong();
          int kind = in.readByte();
          entries++;
          if (kind == DiskSection.DATA) {
            dataBlocks++;
            assertEquals((1L << 30) / DiskSection.BLOCK_SIZE, index & ~1L, "the written blocks");
            byte[] data = in.readNBytes(DiskSection.BLOCK_SIZE);
            assertEquals(0x5a, data[0]);
            assertEquals(0x5a, data[data.length - 1]);
          }
        }
      }
      saver.finish();
    }
    assertEquals(blocks, entries, "every block of the first pass is sent once");
    assertEquals(2, dataBlocks);
    // 65 536 blocks at 9 bytes a flag fill about 3 chunks of 256 KiB; read one by one under the
    // scan limit of 256 they took 256 chunks.
    assertTrue(chunks <= 4, chunks + " chunks");
  }
}
