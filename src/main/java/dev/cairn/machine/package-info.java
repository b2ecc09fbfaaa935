/**
 * The VM: the {@code virt} board assembled from a {@link dev.cairn.machine.MachineConfig} ({@link
 * dev.cairn.machine.Board}), the boot images placed as QEMU places them ({@link
 * dev.cairn.machine.BootImages}), the virtual clock, and the lifecycle with its vCPU thread and
 * QEMU-named run states ({@link dev.cairn.machine.Machine}).
 */
package dev.cairn.machine;
