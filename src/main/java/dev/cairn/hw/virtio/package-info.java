/**
 * Virtio devices over the virtio-mmio transport (virtio 1.2, modern interface only).
 *
 * <p>{@link dev.cairn.hw.virtio.VirtioMmio} is the register window of one board slot and owns the
 * common state (status, features, queue registers, interrupt status); a {@link
 * dev.cairn.hw.virtio.VirtioDevice} ({@link dev.cairn.hw.virtio.VirtioBlk}, {@link
 * dev.cairn.hw.virtio.VirtioRng}, {@link dev.cairn.hw.virtio.VirtioGpu}, {@link
 * dev.cairn.hw.virtio.VirtioInput}) consumes buffers from split {@link dev.cairn.hw.virtio.Virtqueue}s
 * in guest RAM.
 *
 * <p>Everything runs on the vCPU thread and requests complete before the QueueNotify write
 * returns, so no request is in flight when the machine is paused for a snapshot. Guest memory is
 * untrusted: a malformed ring sets DEVICE_NEEDS_RESET instead of throwing.
 */
package dev.cairn.hw.virtio;
