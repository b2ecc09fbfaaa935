package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code info block} in the shape of QEMU's reference session. */
class BlockCommandsTest {

  private final TypedSession typed = new TypedSession();

  @Test
  void listsEachDriveLikeQemu() {
    typed.target.blocks.add(
        new BlockInfo("virtio0", Path.of("/tmp/ref.qcow2"), "qcow2", false, null, 0));
    typed.target.blocks.add(
        new BlockInfo("data", Path.of("/tmp/d.raw"), "raw", true, null, 1));
    assertEquals(
        "virtio0 (#block0): /tmp/ref.qcow2 (qcow2)\r\n"
            + "    Attached to:      /machine/peripheral-anon/device[0]/virtio-backend\r\n"
            + "    Cache mode:       writeback\r\n"
            + "\r\n"
            + "data (#block1): /tmp/d.raw (raw, read-only)\r\n"
            + "    Attached to:      /machine/peripheral-anon/device[1]/virtio-backend\r\n"
            + "    Cache mode:       writeback\r\n",
        typed.type("info block"));
  }

  @Test
  void printsNothingWithoutDrivesAndHasHelp() {
    assertEquals("", typed.type("info block"));
    assertEquals("info block  -- show the block devices\r\n", typed.type("help info block"));
  }
}
