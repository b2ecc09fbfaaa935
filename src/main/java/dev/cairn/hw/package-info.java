/**
 * The devices of the board, after QEMU's {@code virt} machine: interrupt controllers ({@code
 * intc}), the UART ({@code chr}), the test/syscon device and RTC ({@code misc}, {@code rtc}),
 * virtio-mmio and its devices ({@code virtio}), and the device-tree builder ({@code fdt}).
 *
 * <p>Devices see guest memory through {@link dev.cairn.memory.GuestRam} and raise interrupts
 * through {@link dev.cairn.hw.IrqLine}; they never import migration, monitor or ui.
 */
package dev.cairn.hw;
