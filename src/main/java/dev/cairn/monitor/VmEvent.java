package dev.cairn.monitor;

import java.util.Map;

/**
 * Something that happened to the VM, named as QEMU's QMP events are ({@code STOP}, {@code RESUME},
 * {@code RESET}, {@code POWERDOWN}, {@code SHUTDOWN}, {@code JOB_STATUS_CHANGE}, ...).
 *
 * @param name the QMP event name
 * @param data the event's {@code data} member, in QEMU's member order; empty when it has none
 * @param epochMicros when it happened, microseconds since the epoch (QMP's {@code timestamp})
 */
public record VmEvent(String name, Map<String, Object> data, long epochMicros) {

  public VmEvent {
    data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(data));
  }

  /** An event stamped now. */
  public static VmEvent now(String name, Map<String, Object> data) {
    java.time.Instant t = java.time.Instant.now();
    return new VmEvent(name, data, t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
  }
}
