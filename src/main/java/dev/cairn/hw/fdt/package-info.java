/**
 * Device-tree blobs: a generic writer ({@link dev.cairn.hw.fdt.FdtBuilder}) and the board's tree
 * ({@link dev.cairn.hw.fdt.VirtDeviceTree}), built from {@link dev.cairn.hw.VirtMemoryMap} so the
 * tree and the bus can never disagree.
 */
package dev.cairn.hw.fdt;
