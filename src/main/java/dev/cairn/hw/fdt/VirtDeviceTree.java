package dev.cairn.hw.fdt;

import dev.cairn.cpu.InterruptTarget;
import dev.cairn.cpu.TimeSource;
import dev.cairn.hw.VirtMemoryMap;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds the device tree the board hands to OpenSBI and Linux: one hart, RAM, CLINT, PLIC, UART,
 * RTC, the test/syscon device and the populated virtio-mmio slots.
 *
 * <p>Reference: Devicetree Specification v0.4 chapters 2-4 (standard properties, device bindings);
 * Linux bindings {@code riscv/cpus.yaml}, {@code riscv/extensions.yaml},
 * {@code interrupt-controller/sifive,plic-1.0.0.yaml}, {@code timer/sifive,clint.yaml}; shaped like
 * QEMU's tree in {@code shared/reference/qemu-virt-512M.dts} without pci, flash, fw-cfg,
 * platform-bus and pmu.
 */
public final class VirtDeviceTree {

  public static final String MMU_SV39 = "riscv,sv39";
  public static final String MMU_SV48 = "riscv,sv48";
  public static final String ISA = "rv64imafdc_zicsr_zifencei";
  public static final String ISA_BASE = "rv64i";
  static final String[] ISA_EXTENSIONS = {"i", "m", "a", "f", "d", "c", "zicsr", "zifencei"};
  public static final String MODEL = "riscv-virtio,cairn";
  /** The 16550's input clock, as QEMU gives it (1.8432 MHz * 2). */
  public static final int UART_CLOCK_HZ = 3_686_400;
  public static final String STDOUT_PATH = nodePath(VirtMemoryMap.UART0, "serial");

  /**
   * What varies between machines.
   *
   * @param ramBase guest-physical start of RAM (normally {@code VirtMemoryMap.DRAM.base})
   * @param ramSize bytes of RAM
   * @param bootargs kernel command line, or null/empty for none
   * @param initrdStart first byte of the initrd in RAM, or 0 with {@code initrdEnd} 0 for none
   * @param initrdEnd one past the last byte of the initrd
   * @param mmuType {@link #MMU_SV39} or {@link #MMU_SV48}
   * @param virtioSlots populated virtio-mmio slots (0 to {@code VIRTIO_SLOTS - 1}); only these get
   *     nodes, so the guest never probes an empty slot
   * @param rngSeed bytes for {@code /chosen/rng-seed} (seeds the guest's RNG early), or null
   */
  public record Description(
      long ramBase,
      long ramSize,
      String bootargs,
      long initrdStart,
      long initrdEnd,
      String mmuType,
      List<Integer> virtioSlots,
      byte[] rngSeed) {

    public Description {
      if (ramSize <= 0) {
        throw new IllegalArgumentException("RAM size must be positive");
      }
      if (initrdEnd < initrdStart) {
        throw new IllegalArgumentException("initrd ends before it starts");
      }
      if (!MMU_SV39.equals(mmuType) && !MMU_SV48.equals(mmuType)) {
        throw new IllegalArgumentException("unknown mmu-type " + mmuType);
      }
      virtioSlots = List.copyOf(virtioSlots);
      for (int slot : virtioSlots) {
        if (slot < 0 || slot >= VirtMemoryMap.VIRTIO_SLOTS) {
          throw new IllegalArgumentException("virtio-mmio slot " + slot + " out of range");
        }
      }
    }

    /** RAM at the usual base, no initrd, no seed. */
    public static Description of(long ramSize, String bootargs, String mmuType, List<Integer> slots) {
      return new Description(
          VirtMemoryMap.DRAM.base, ramSize, bootargs, 0, 0, mmuType, slots, null);
    }

    public Description withInitrd(long start, long end) {
      return new Description(ramBase, ramSize, bootargs, start, end, mmuType, virtioSlots, rngSeed);
    }

    public Description withRngSeed(byte[] seed) {
      return new Description(
          ramBase, ramSize, bootargs, initrdStart, initrdEnd, mmuType, virtioSlots, seed);
    }

    public boolean hasInitrd() {
      return initrdEnd > initrdStart;
    }
  }

  private VirtDeviceTree() {}

  /** Returns the DTB for {@code board}. */
  public static byte[] build(Description board) {
    FdtBuilder fdt = new FdtBuilder();
    int cpuPhandle = fdt.allocatePhandle();
    int intcPhandle = fdt.allocatePhandle();
    int plicPhandle = fdt.allocatePhandle();
    int testPhandle = fdt.allocatePhandle();

    fdt.beginNode("");
    fdt.propertyU32("#address-cells", 2);
    fdt.propertyU32("#size-cells", 2);
    fdt.propertyString("compatible", "riscv-virtio");
    fdt.propertyString("model", MODEL);

    chosen(fdt, board);

    fdt.beginNode("memory@" + Long.toHexString(board.ramBase()));
    fdt.propertyString("device_type", "memory");
    fdt.propertyCells("reg", board.ramBase(), board.ramSize());
    fdt.endNode();

    cpus(fdt, board, cpuPhandle, intcPhandle);

    // syscon-poweroff/-reboot sit at the root and point at the test device through regmap.
    syscon(fdt, "poweroff", "syscon-poweroff", testPhandle, 0x5555);
    syscon(fdt, "reboot", "syscon-reboot", testPhandle, 0x7777);

    fdt.beginNode("soc");
    fdt.propertyU32("#address-cells", 2);
    fdt.propertyU32("#size-cells", 2);
    fdt.propertyString("compatible", "simple-bus");
    fdt.propertyEmpty("ranges");

    // Interrupt controllers first: the guest can probe them before the devices that use them.
    fdt.beginNode(nodeName("clint", VirtMemoryMap.CLINT));
    fdt.propertyStrings("compatible", "sifive,clint0", "riscv,clint0");
    reg(fdt, VirtMemoryMap.CLINT);
    fdt.propertyU32(
        "interrupts-extended",
        intcPhandle, InterruptTarget.MSIP,
        intcPhandle, InterruptTarget.MTIP);
    fdt.endNode();

    fdt.beginNode(nodeName("plic", VirtMemoryMap.PLIC));
    fdt.propertyU32("phandle", plicPhandle);
    fdt.propertyStrings("compatible", "sifive,plic-1.0.0", "riscv,plic0");
    fdt.propertyU32("#address-cells", 0);
    fdt.propertyU32("#interrupt-cells", 1);
    fdt.propertyEmpty("interrupt-controller");
    reg(fdt, VirtMemoryMap.PLIC);
    // Context 0 is the hart's M-mode external interrupt, context 1 its S-mode one.
    fdt.propertyU32(
        "interrupts-extended",
        intcPhandle, InterruptTarget.MEIP,
        intcPhandle, InterruptTarget.SEIP);
    // riscv,ndev counts sources without source 0, as QEMU writes it (VIRTIO_NDEV).
    fdt.propertyU32("riscv,ndev", VirtMemoryMap.PLIC_SOURCES);
    fdt.endNode();

    fdt.beginNode(nodeName("test", VirtMemoryMap.TEST));
    fdt.propertyU32("phandle", testPhandle);
    fdt.propertyStrings("compatible", "sifive,test1", "sifive,test0", "syscon");
    reg(fdt, VirtMemoryMap.TEST);
    fdt.endNode();

    fdt.beginNode(nodeName("serial", VirtMemoryMap.UART0));
    fdt.propertyString("compatible", "ns16550a");
    reg(fdt, VirtMemoryMap.UART0);
    fdt.propertyU32("clock-frequency", UART_CLOCK_HZ);
    fdt.propertyU32("interrupt-parent", plicPhandle);
    fdt.propertyU32("interrupts", VirtMemoryMap.UART0_IRQ);
    fdt.endNode();

    fdt.beginNode(nodeName("rtc", VirtMemoryMap.RTC));
    fdt.propertyString("compatible", "google,goldfish-rtc");
    reg(fdt, VirtMemoryMap.RTC);
    fdt.propertyU32("interrupt-parent", plicPhandle);
    fdt.propertyU32("interrupts", VirtMemoryMap.RTC_IRQ);
    fdt.endNode();

    // Highest slot first, as in QEMU's tree: Linux probes in tree order, so with the same slot
    // assignment the guest numbers its virtio devices (vda, vdb, ...) the same way.
    for (int slot : new TreeSet<>(board.virtioSlots()).descendingSet()) {
      long base = VirtMemoryMap.virtioBase(slot);
      fdt.beginNode("virtio_mmio@" + Long.toHexString(base));
      fdt.propertyString("compatible", "virtio,mmio");
      fdt.propertyCells("reg", base, VirtMemoryMap.VIRTIO.size);
      fdt.propertyU32("interrupt-parent", plicPhandle);
      fdt.propertyU32("interrupts", VirtMemoryMap.virtioIrq(slot));
      fdt.endNode();
    }

    fdt.endNode(); // soc
    fdt.endNode(); // root
    return fdt.finish();
  }

  private static void chosen(FdtBuilder fdt, Description board) {
    fdt.beginNode("chosen");
    if (board.bootargs() != null && !board.bootargs().isEmpty()) {
      fdt.propertyString("bootargs", board.bootargs());
    }
    fdt.propertyString("stdout-path", STDOUT_PATH);
    if (board.hasInitrd()) {
      // 64-bit values; Linux reads these with the property's own length (early_init_dt_check_for_initrd).
      fdt.propertyU64("linux,initrd-start", board.initrdStart());
      fdt.propertyU64("linux,initrd-end", board.initrdEnd());
    }
    if (board.rngSeed() != null && board.rngSeed().length > 0) {
      fdt.property("rng-seed", board.rngSeed());
    }
    fdt.endNode();
  }

  private static void cpus(FdtBuilder fdt, Description board, int cpuPhandle, int intcPhandle) {
    fdt.beginNode("cpus");
    fdt.propertyU32("#address-cells", 1);
    fdt.propertyU32("#size-cells", 0);
    fdt.propertyU32("timebase-frequency", (int) TimeSource.FREQUENCY_HZ);

    fdt.beginNode("cpu@0");
    fdt.propertyU32("phandle", cpuPhandle);
    fdt.propertyString("device_type", "cpu");
    fdt.propertyU32("reg", 0);
    fdt.propertyString("status", "okay");
    fdt.propertyString("compatible", "riscv");
    // Both forms: riscv,isa for OpenSBI and older kernels, base + extensions for Linux 6.x.
    fdt.propertyString("riscv,isa", ISA);
    fdt.propertyString("riscv,isa-base", ISA_BASE);
    fdt.propertyStrings("riscv,isa-extensions", ISA_EXTENSIONS);
    fdt.propertyString("mmu-type", board.mmuType());

    fdt.beginNode("interrupt-controller");
    // #address-cells = 0 as the interrupt-provider schema asks (dtc warns without it).
    fdt.propertyU32("#address-cells", 0);
    fdt.propertyU32("#interrupt-cells", 1);
    fdt.propertyEmpty("interrupt-controller");
    fdt.propertyString("compatible", "riscv,cpu-intc");
    fdt.propertyU32("phandle", intcPhandle);
    fdt.endNode();
    fdt.endNode(); // cpu@0

    fdt.beginNode("cpu-map");
    fdt.beginNode("cluster0");
    fdt.beginNode("core0");
    fdt.propertyU32("cpu", cpuPhandle);
    fdt.endNode();
    fdt.endNode();
    fdt.endNode(); // cpu-map
    fdt.endNode(); // cpus
  }

  private static void syscon(FdtBuilder fdt, String name, String compatible, int regmap, int value) {
    fdt.beginNode(name);
    fdt.propertyString("compatible", compatible);
    fdt.propertyU32("regmap", regmap);
    fdt.propertyU32("offset", 0);
    fdt.propertyU32("value", value);
    fdt.endNode();
  }

  private static void reg(FdtBuilder fdt, VirtMemoryMap region) {
    fdt.propertyCells("reg", region.base, region.size);
  }

  private static String nodeName(String name, VirtMemoryMap region) {
    return name + "@" + Long.toHexString(region.base);
  }

  private static String nodePath(VirtMemoryMap region, String name) {
    return "/soc/" + nodeName(name, region);
  }
}
