package dev.cairn.block.qcow2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.block.BlockException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code knownZero} on images qemu-img made: what it claims reads as zeros must read as zeros, and
 * it must not claim it where a backing file could supply data.
 */
class Qcow2KnownZeroTest {

  private static final int CLUSTER = 64 << 10;

  @TempDir Path dir;

  @Test
  void unwrittenAndZeroedClustersAreKnownZeroWrittenOnesAreNot() throws Exception {
    Path file = dir.resolve("sparse.qcow2");
    QemuImg.ok("qemu-img", "create", "-q", "-f", "qcow2", file.toString(), "1G");
    // Data at 64 KiB, and a cluster at 1 MiB written then zeroed (qemu-io's zero-cluster path).
    QemuImg.ok("qemu-io", "-c", "write -P 0xab 64k 64k", "-c", "write -P 0xcd 1M 64k",
        "-c", "write -z 1M 64k", file.toString());
    try (Qcow2Image image = Qcow2Image.open(file, false)) {
      assertTrue(image.knownZero(0, CLUSTER), "a cluster never written");
      assertFalse(image.knownZero(CLUSTER, CLUSTER), "a written cluster");
      assertFalse(image.knownZero(0, 3 * CLUSTER), "a range that holds a written cluster");
      assertTrue(image.knownZero(1 << 20, CLUSTER), "a zeroed cluster");
      assertTrue(image.knownZero(512L << 20, 256L << 20), "a quarter GiB never written");
      assertTrue(image.knownZero(1000, 10), "part of a cluster");
      byte[] read = new byte[CLUSTER];
      image.read(1 << 20, read, 0, CLUSTER);
      assertTrue(Arrays.equals(read, new byte[CLUSTER]), "the zeroed cluster reads as zeros");
      assertThrows(BlockException.class, () -> image.knownZero(1L << 30, 1), "beyond the end");
    }
  }

  @Test
  void aClusterTheOverlayNeverWroteIsNotKnownZeroOverABackingFile() throws Exception {
    Path base = dir.resolve("base.qcow2");
    Path overlay = dir.resolve("overlay.qcow2");
    QemuImg.ok("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "16M");
    QemuImg.ok("qemu-io", "-c", "write -P 0x11 0 64k", base.toString());
    QemuImg.ok("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2",
        overlay.toString());
    try (Qcow2Image image = Qcow2Image.open(overlay, false)) {
      assertFalse(image.knownZero(0, CLUSTER), "the backing file holds data there");
      assertFalse(image.knownZero(8 << 20, CLUSTER), "the backing file could hold data there");
    }
  }
}
