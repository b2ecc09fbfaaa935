package dev.cairn.hw.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FdtBuilderTest {

  private static byte[] sample() {
    FdtBuilder fdt = new FdtBuilder();
    int phandle = fdt.allocatePhandle();
    fdt.addMemoryReservation(0x8000_0000L, 0x1000);
    fdt.beginNode("");
    fdt.propertyU32("#address-cells", 2);
    fdt.propertyString("compatible", "odd");
    fdt.beginNode("a@1");
    fdt.propertyU32("phandle", phandle);
    fdt.propertyCells("reg", 0x1_0000_0000L, 0x20);
    fdt.propertyStrings("compatible", "x,y", "z");
    fdt.propertyEmpty("interrupt-controller");
    fdt.endNode();
    fdt.endNode();
    return fdt.finish();
  }

  @Test
  void headerFollowsTheSpecLayout() {
    byte[] blob = sample();
    ByteBuffer b = ByteBuffer.wrap(blob);
    assertEquals(0xd00dfeed, b.getInt(0));
    assertEquals(blob.length, b.getInt(4), "totalsize");
    int offStruct = b.getInt(8);
    int offStrings = b.getInt(12);
    int offRsvmap = b.getInt(16);
    assertEquals(17, b.getInt(20));
    assertEquals(16, b.getInt(24));
    assertEquals(0, offRsvmap % 8);
    assertEquals(0, offStruct % 4);
    assertEquals(0x8000_0000L, b.getLong(offRsvmap));
    assertEquals(0x1000L, b.getLong(offRsvmap + 8));
    assertEquals(0L, b.getLong(offRsvmap + 16), "reservation list ends with a zero entry");
    assertEquals(1, b.getInt(offStruct), "FDT_BEGIN_NODE");
    assertEquals(9, b.getInt(offStruct + b.getInt(36) - 4), "ends with FDT_END");
    assertEquals(offStrings + b.getInt(32), blob.length);
  }

  @Test
  void propertyNamesAreStoredOnceInTheStringsBlock() {
    byte[] blob = sample();
    ByteBuffer b = ByteBuffer.wrap(blob);
    String strings =
        new String(blob, b.getInt(12), b.getInt(32), StandardCharsets.US_ASCII);
    assertEquals(strings.indexOf("compatible"), strings.lastIndexOf("compatible"));
    assertEquals("#address-cells\0compatible\0phandle\0reg\0interrupt-controller\0", strings);
  }

  @Test
  void dtcReadsTheBlobBack() throws Exception {
    String dts = Dtc.decompile(sample()).dts();
    assertTrue(dts.contains("/memreserve/\t0x0000000080000000 0x0000000000001000;"), dts);
    assertTrue(dts.contains("reg = <0x01 0x00 0x00 0x20>;"), dts);
    assertTrue(dts.contains("compatible = \"x,y\\0z\";"), dts);
    assertTrue(dts.contains("interrupt-controller;"), dts);
    assertTrue(dts.contains("phandle = <0x01>;"), dts);
  }

  @Test
  void unbalancedTreesAreRefused() {
    FdtBuilder open = new FdtBuilder();
    open.beginNode("");
    open.beginNode("child");
    open.endNode();
    assertThrows(IllegalStateException.class, open::finish);
    assertThrows(IllegalStateException.class, () -> new FdtBuilder().beginNode("notroot"));
    assertThrows(IllegalStateException.class, () -> new FdtBuilder().endNode());
  }
}
