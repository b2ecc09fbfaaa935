package dev.cairn.hw.virtio;

import dev.cairn.state.StateDescription;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The saved state of a {@link VirtioMmio} transport: status, feature selects and accepted
 * features, interrupt status, config generation, queue select, and every {@link Virtqueue}.
 *
 * <p>Reference: virtio 1.2 §4.2.2 (MMIO device register layout), §2.1 (device status).
 *
 * <p>The device behind the transport saves its own section (see {@link VirtioBlkState}, {@link
 * VirtioRngState}); here only its id is recorded, so that a stream for another device in this slot
 * is refused. Not saved: the offered features (they follow from the device and its
 * configuration) and the interrupt line, whose level postLoad recomputes.
 */
public final class VirtioMmioState {

  /** Version 1. */
  public static final StateDescription<VirtioMmio> DESCRIPTION =
      StateDescription.builder("virtio-mmio", VirtioMmio.class)
          .version(1)
          .minimumVersion(1)
          .u32("deviceId", m -> m.device().deviceId(), (m, v) -> {})
          .check((m, v) -> v == m.device().deviceId(), "the id of the device in this slot")
          .u8("status", m -> m.status, (m, v) -> m.status = v)
          .i32("deviceFeaturesSel", m -> m.deviceFeaturesSel, (m, v) -> m.deviceFeaturesSel = v)
          .i32("driverFeaturesSel", m -> m.driverFeaturesSel, (m, v) -> m.driverFeaturesSel = v)
          .u64("driverFeatures", m -> m.driverFeatures, (m, v) -> m.driverFeatures = v)
          .i32("queueSel", m -> m.queueSel, (m, v) -> m.queueSel = v)
          .i32("interruptStatus", m -> m.interruptStatus, (m, v) -> m.interruptStatus = v)
          .check((m, v) -> (v & ~(VirtioMmio.INT_USED_BUFFER | VirtioMmio.INT_CONFIG_CHANGE)) == 0,
              "used-buffer and config-change bits only")
          .i32("configGeneration", m -> m.configGeneration, (m, v) -> m.configGeneration = v)
          .i32("shmSel", m -> m.shmSel, (m, v) -> m.shmSel = v)
          .structs("queues", VirtqueueState.DESCRIPTION, VirtioMmioState::queues)
          .postLoad((m, fromVersion) -> {
            if ((m.status & VirtioMmio.STATUS_FEATURES_OK) != 0) {
              // The device derives its mode from the accepted features, as at FEATURES_OK.
              m.device().featuresNegotiated(m.driverFeatures);
            }
            m.updateIrq();
          })
          .build();

  private VirtioMmioState() {}

  private static List<Virtqueue> queues(VirtioMmio m) {
    return IntStream.range(0, m.device().queueCount()).mapToObj(m::queue).toList();
  }
}
