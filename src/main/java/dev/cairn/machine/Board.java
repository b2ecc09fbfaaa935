package dev.cairn.machine;

import dev.cairn.block.BlockException;
import dev.cairn.block.DriveRegistry;
import dev.cairn.cpu.Hart;
import dev.cairn.hw.TimedDevice;
import dev.cairn.hw.VirtMemoryMap;
import dev.cairn.hw.chr.CharSink;
import dev.cairn.hw.chr.Uart16550;
import dev.cairn.hw.fdt.VirtDeviceTree;
import dev.cairn.hw.intc.Clint;
import dev.cairn.hw.intc.Plic;
import dev.cairn.hw.misc.SifiveTest;
import dev.cairn.hw.rtc.GoldfishRtc;
import dev.cairn.hw.virtio.VirtioBlk;
import dev.cairn.hw.virtio.VirtioDevice;
import dev.cairn.hw.virtio.VirtioMmio;
import dev.cairn.hw.virtio.VirtioRng;
import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.virtio.VirtioGpu;
import dev.cairn.hw.virtio.VirtioInput;
import dev.cairn.memory.GuestRam;
import dev.cairn.memory.PhysicalBus;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code virt} board built from a {@link MachineConfig}: RAM, the hart, and the devices on
 * the bus at the addresses of {@link VirtMemoryMap}. Knows how to (re)load the boot images.
 */
final class Board {

  /** The ISA string's MMU: Sv48 like QEMU's default, so the kernel may use either mode. */
  private static final String MMU_TYPE = VirtDeviceTree.MMU_SV48;

  final MachineConfig config;
  final GuestRam ram;
  final PhysicalBus bus;
  final VirtualClock clock;
  final Hart hart;
  final Clint clint;
  final Plic plic;
  final Uart16550 uart;
  final GoldfishRtc rtc;
  final SifiveTest test;
  final List<VirtioMmio> virtio = new ArrayList<>();
  final DriveRegistry drives = new DriveRegistry();
  final List<TimedDevice> timedDevices = new ArrayList<>();
  private final byte[] rngSeed = new byte[32];
  /** The display devices; null when the configuration has none. */
  VirtioGpu gpu;
  VirtioInput keyboard;
  VirtioInput tablet;

  Board(MachineConfig config, Consumer<SifiveTest.Request> testHandler)
      throws MachineConfigException {
    this.config = config;
    if (config.ramSize() < (1L << 20) || (config.ramSize() & 0xFFF) != 0) {
      throw new MachineConfigException(
          "RAM size must be at least 1 MiB and a multiple of 4 KiB, not " + config.ramSize());
    }
    this.ram = new GuestRam(VirtMemoryMap.DRAM.base, config.ramSize());
    this.bus = new PhysicalBus(ram);
    long[] hartInstret = new long[1];
    Hart[] hartRef = new Hart[1];
    this.clock = new VirtualClock(
        config.deterministicClock(), () -> hartRef[0] == null ? 0 : hartRef[0].instret());
    this.hart = new Hart(0, bus, clock);
    hartRef[0] = hart;
    this.clint = new Clint(hart, clock);
    this.plic = new Plic(hart);
    this.uart = new Uart16550(plic.irq(VirtMemoryMap.UART0_IRQ), CharSink.DISCARD);
    this.rtc = new GoldfishRtc(plic.irq(VirtMemoryMap.RTC_IRQ), clock);
    this.test = new SifiveTest(testHandler);
    timedDevices.add(clint);
    timedDevices.add(rtc);

    bus.map("test", VirtMemoryMap.TEST.base, VirtMemoryMap.TEST.size, test);
    bus.map("rtc", VirtMemoryMap.RTC.base, VirtMemoryMap.RTC.size, rtc);
    bus.map("clint", VirtMemoryMap.CLINT.base, VirtMemoryMap.CLINT.size, clint);
    bus.map("plic", VirtMemoryMap.PLIC.base, VirtMemoryMap.PLIC.size, plic);
    bus.map("serial", VirtMemoryMap.UART0.base, VirtMemoryMap.UART0.size, uart);
    try {
      for (DriveConfig drive : config.drives()) {
        addVirtio(new VirtioBlk(openDrive(drive).guestDriver(),
            "cairn-disk" + drives.drives().size()));
      }
      if (config.virtioRng()) {
        addVirtio(new VirtioRng());
      }
      addDisplayDevices(config.display());
    } catch (MachineConfigException e) {
      closeDrives();
      throw e;
    }
    new SecureRandom().nextBytes(rngSeed);
  }

  /** The gpu, keyboard and tablet, in that order, after the disks and the rng. */
  private void addDisplayDevices(DisplayDevices devices) throws MachineConfigException {
    if (devices.gpu()) {
      gpu = new VirtioGpu(ram, new DisplaySurface(), devices.width(), devices.height());
      addVirtio(gpu);
    }
    if (devices.keyboard()) {
      keyboard = new VirtioInput(VirtioInput.Kind.KEYBOARD);
      addVirtio(keyboard);
    }
    if (devices.tablet()) {
      tablet = new VirtioInput(VirtioInput.Kind.TABLET);
      addVirtio(tablet);
    }
  }

  private DriveRegistry.Drive openDrive(DriveConfig drive) throws MachineConfigException {
    // QEMU names if=virtio drives virtio0, virtio1, ... by their order.
    String id = drive.id() != null ? drive.id() : "virtio" + drives.drives().size();
    try {
      return drives.open(id, drive.file(), drive.format(), drive.readOnly());
    } catch (BlockException e) {
      throw new MachineConfigException(e.getMessage(), e);
    }
  }

  private void addVirtio(VirtioDevice device) throws MachineConfigException {
    int slot = virtio.size();
    if (slot >= VirtMemoryMap.VIRTIO_SLOTS) {
      throw new MachineConfigException(
          "too many virtio devices: the virt board has " + VirtMemoryMap.VIRTIO_SLOTS + " slots");
    }
    VirtioMmio transport = new VirtioMmio(ram, plic.irq(VirtMemoryMap.virtioIrq(slot)), device);
    bus.map("virtio-mmio." + slot, VirtMemoryMap.virtioBase(slot), VirtMemoryMap.VIRTIO.size,
        transport);
    virtio.add(transport);
  }

  /** Returns the device tree for this board with the initrd at the given place. */
  byte[] deviceTree(long initrdStart, long initrdEnd) {
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < virtio.size(); i++) {
      slots.add(i);
    }
    VirtDeviceTree.Description description =
        VirtDeviceTree.Description.of(config.ramSize(), config.append(), MMU_TYPE, slots)
            .withRngSeed(rngSeed);
    if (initrdEnd > initrdStart) {
      description = description.withInitrd(initrdStart, initrdEnd);
    }
    return VirtDeviceTree.build(description);
  }

  /**
   * Puts every device and the hart in their reset state and loads the boot images again, as
   * QEMU does on a system reset. Runs with the vCPU stopped.
   */
  BootImages.Entry resetAndLoad() throws MachineConfigException {
    ram.clear();
    clint.reset();
    plic.reset();
    uart.reset();
    rtc.reset();
    for (VirtioMmio transport : virtio) {
      transport.reset();
    }
    BootImages.Entry entry = BootImages.load(config, ram, this::deviceTree);
    hart.reset(entry.pc());
    hart.setRegister(10, entry.a0());
    hart.setRegister(11, entry.a1());
    hart.setRegister(12, entry.a2());
    return entry;
  }

  /** Brings the timed devices up to now; returns the earliest next deadline. */
  long advanceTimers() {
    long now = clock.now();
    long next = Long.MAX_VALUE;
    for (TimedDevice device : timedDevices) {
      next = Math.min(next, device.advance(now));
    }
    return next;
  }

  void flushDrives() {
    try {
      drives.flushAll();
    } catch (BlockException e) {
      System.err.println("cairn: " + e.getMessage());
    }
  }

  void closeDrives() {
    try {
      drives.close();
    } catch (BlockException e) {
      System.err.println("cairn: " + e.getMessage());
    }
  }
}
