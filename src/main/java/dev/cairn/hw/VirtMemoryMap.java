package dev.cairn.hw;

/**
 * The physical memory map of the board, after QEMU's {@code virt} machine. One table drives both
 * the bus and the device tree. Ranges are half-open {@code [base, base + size)}.
 *
 * <p>Reference: QEMU {@code hw/riscv/virt.c} ({@code virt_memmap}); the device tree QEMU hands the
 * guest is in {@code shared/reference/qemu-virt-512M.dts}.
 */
public enum VirtMemoryMap {
  TEST(0x0010_0000L, 0x1000L),
  RTC(0x0010_1000L, 0x1000L),
  CLINT(0x0200_0000L, 0x1_0000L),
  PLIC(0x0c00_0000L, 0x60_0000L),
  UART0(0x1000_0000L, 0x100L),
  VIRTIO(0x1000_1000L, 0x1000L),
  DRAM(0x8000_0000L, 0L);

  /** Number of virtio-mmio slots; slot n is at {@code VIRTIO.base + n * VIRTIO.size}, IRQ n + 1. */
  public static final int VIRTIO_SLOTS = 8;
  public static final int UART0_IRQ = 10;
  public static final int RTC_IRQ = 11;
  public static final int VIRTIO_IRQ_BASE = 1;
  /** Interrupt sources of the PLIC (QEMU: VIRTIO_NDEV = 0x60). */
  public static final int PLIC_SOURCES = 0x60;

  public final long base;
  public final long size;

  VirtMemoryMap(long base, long size) {
    this.base = base;
    this.size = size;
  }

  public static long virtioBase(int slot) {
    return VIRTIO.base + slot * VIRTIO.size;
  }

  public static int virtioIrq(int slot) {
    return VIRTIO_IRQ_BASE + slot;
  }
}
