package dev.cairn.hw.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirtDeviceTreeTest {

  private static final long MIB = 1024 * 1024;

  private static String dts(VirtDeviceTree.Description board) throws Exception {
    Dtc.Result result = Dtc.decompile(VirtDeviceTree.build(board));
    return result.dts();
  }

  private static void assertContains(String dts, String expected) {
    assertTrue(dts.contains(expected), "expected `" + expected + "` in:\n" + dts);
  }

  @Test
  void treeDescribesRamBootargsInitrdAndTheFixedDevices() throws Exception {
    VirtDeviceTree.Description board =
        VirtDeviceTree.Description.of(
                512 * MIB, "console=ttyS0 root=/dev/vda1", VirtDeviceTree.MMU_SV48, List.of(0, 7))
            .withInitrd(0x8800_0000L, 0x8900_0000L);
    String dts = dts(board);
    assertContains(dts, "memory@80000000 {");
    assertContains(dts, "reg = <0x00 0x80000000 0x00 0x20000000>;");
    assertContains(dts, "bootargs = \"console=ttyS0 root=/dev/vda1\";");
    assertContains(dts, "stdout-path = \"/soc/serial@10000000\";");
    assertContains(dts, "linux,initrd-start = <0x00 0x88000000>;");
    assertContains(dts, "linux,initrd-end = <0x00 0x89000000>;");
    assertContains(dts, "timebase-frequency = <0x989680>;");
    assertContains(dts, "riscv,isa = \"rv64imafdc_zicsr_zifencei\";");
    assertContains(dts, "riscv,isa-base = \"rv64i\";");
    assertContains(
        dts, "riscv,isa-extensions = \"i\\0m\\0a\\0f\\0d\\0c\\0zicsr\\0zifencei\";");
    assertContains(dts, "mmu-type = \"riscv,sv48\";");
    assertContains(dts, "compatible = \"riscv,cpu-intc\";");
    assertContains(dts, "clint@2000000 {");
    assertContains(dts, "interrupts-extended = <0x02 0x03 0x02 0x07>;");
    assertContains(dts, "plic@c000000 {");
    assertContains(dts, "interrupts-extended = <0x02 0x0b 0x02 0x09>;");
    assertContains(dts, "riscv,ndev = <0x60>;");
    assertContains(dts, "serial@10000000 {");
    assertContains(dts, "compatible = \"ns16550a\";");
    // 0x00384000 as bytes; dtc prints it as a string, exactly as in QEMU's tree.
    assertContains(dts, "clock-frequency = \"\\08@\";");
    assertContains(dts, "interrupts = <0x0a>;");
    assertContains(dts, "rtc@101000 {");
    assertContains(dts, "compatible = \"google,goldfish-rtc\";");
    assertContains(dts, "interrupts = <0x0b>;");
    assertContains(dts, "test@100000 {");
    assertContains(dts, "compatible = \"sifive,test1\\0sifive,test0\\0syscon\";");
    assertContains(dts, "compatible = \"syscon-poweroff\";");
    assertContains(dts, "value = <0x5555>;");
    assertContains(dts, "compatible = \"syscon-reboot\";");
    assertContains(dts, "value = <0x7777>;");
    assertContains(dts, "regmap = <0x04>;");
    assertContains(dts, "phandle = <0x04>;");
    for (String absent : new String[] {"pci", "flash", "fw-cfg", "platform-bus", "pmu"}) {
      assertFalse(dts.contains(absent), absent + " is not on this board:\n" + dts);
    }
  }

  @Test
  void onlyPopulatedVirtioSlotsAppearHighestFirst() throws Exception {
    String dts =
        dts(
            VirtDeviceTree.Description.of(
                256 * MIB, "", VirtDeviceTree.MMU_SV39, List.of(1, 6, 3)));
    assertContains(dts, "virtio_mmio@10002000 {");
    assertContains(dts, "virtio_mmio@10004000 {");
    assertContains(dts, "virtio_mmio@10007000 {");
    assertContains(dts, "interrupts = <0x07>;");
    assertContains(dts, "interrupts = <0x04>;");
    assertContains(dts, "interrupts = <0x02>;");
    for (int absent : new int[] {0, 2, 4, 5, 7}) {
      String name = "virtio_mmio@" + Long.toHexString(0x1000_1000L + absent * 0x1000L);
      assertFalse(dts.contains(name), name + " is an empty slot:\n" + dts);
    }
    assertTrue(
        dts.indexOf("virtio_mmio@10007000") < dts.indexOf("virtio_mmio@10004000")
            && dts.indexOf("virtio_mmio@10004000") < dts.indexOf("virtio_mmio@10002000"),
        "slots in descending order, as QEMU lists them");
    assertFalse(dts.contains("bootargs"), "empty bootargs are left out");
    assertFalse(dts.contains("linux,initrd"), "no initrd, no initrd properties");
    assertContains(dts, "mmu-type = \"riscv,sv39\";");
  }

  @Test
  void noVirtioSlotsMeansNoVirtioNodes() throws Exception {
    String dts = dts(VirtDeviceTree.Description.of(128 * MIB, null, "riscv,sv39", List.of()));
    assertFalse(dts.contains("virtio_mmio"), dts);
  }

  @Test
  void rngSeedGoesToChosen() throws Exception {
    String dts =
        dts(
            VirtDeviceTree.Description.of(128 * MIB, null, "riscv,sv39", List.of())
                .withRngSeed(new byte[] {0x12, 0x34, 0x56, 0x78}));
    assertContains(dts, "rng-seed = <0x12345678>;");
  }

  @Test
  void dtcFindsNothingToWarnAbout() throws Exception {
    Dtc.Result result =
        Dtc.decompile(
            VirtDeviceTree.build(
                VirtDeviceTree.Description.of(
                        512 * MIB, "console=ttyS0", "riscv,sv48", List.of(0, 1, 2, 3, 4, 5, 6, 7))
                    .withInitrd(0x8800_0000L, 0x8900_0000L)));
    assertEquals("", result.warnings().strip());
  }

  @Test
  void badDescriptionsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> VirtDeviceTree.Description.of(128 * MIB, null, "riscv,sv57", List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> VirtDeviceTree.Description.of(128 * MIB, null, "riscv,sv39", List.of(8)));
  }
}
