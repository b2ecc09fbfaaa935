package dev.cairn.hw.virtio;

import dev.cairn.state.StateDescription;

/**
 * The saved state of one {@link Virtqueue}: the driver-written registers and the device's ring
 * positions, including the VIRTIO_F_EVENT_IDX bookkeeping.
 *
 * <p>Reference: virtio 1.2 §2.7 (split virtqueues), §2.7.10 (used buffer notification
 * suppression), §4.2.2 (QueueNum, QueueReady, QueueDesc/Driver/Device).
 *
 * <p>Not saved: the rings themselves (they are in guest RAM, migrated with it), the maximum size
 * and queue index (configuration; a stream for another queue count is refused by the transport).
 * Requests never stay in flight between MMIO accesses, so there are no popped-but-unused chains.
 */
public final class VirtqueueState {

  /** Version 1. {@code size} is saved as the driver wrote it; it is checked when made ready. */
  public static final StateDescription<Virtqueue> DESCRIPTION =
      StateDescription.builder("virtqueue", Virtqueue.class)
          .version(1)
          .minimumVersion(1)
          .i32("size", q -> q.size, (q, v) -> q.size = v)
          .bool("ready", q -> q.ready, (q, v) -> q.ready = v)
          .u64("descAddr", q -> q.descAddr, (q, v) -> q.descAddr = v)
          .u64("driverAddr", q -> q.driverAddr, (q, v) -> q.driverAddr = v)
          .u64("deviceAddr", q -> q.deviceAddr, (q, v) -> q.deviceAddr = v)
          .u16("lastAvailIdx", q -> q.lastAvailIdx, (q, v) -> q.lastAvailIdx = v)
          .u16("usedIdx", q -> q.usedIdx, (q, v) -> q.usedIdx = v)
          .u16("signalledUsed", q -> q.signalledUsed, (q, v) -> q.signalledUsed = v)
          .bool("signalledUsedValid", q -> q.signalledUsedValid,
              (q, v) -> q.signalledUsedValid = v)
          .bool("eventIdx", q -> q.eventIdx, (q, v) -> q.eventIdx = v)
          .bool("indirect", q -> q.indirect, (q, v) -> q.indirect = v)
          .bool("broken", q -> q.broken, (q, v) -> q.broken = v)
          .string("brokenReason", q -> q.brokenReason, (q, v) -> q.brokenReason = v)
          .build();

  private VirtqueueState() {}
}
