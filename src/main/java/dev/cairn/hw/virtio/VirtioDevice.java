package dev.cairn.hw.virtio;

/**
 * A virtio device model (block, rng, ...) as plugged into a transport such as {@link VirtioMmio}.
 * Reference: virtio 1.2 §2 (basic facilities) and §5 (device types).
 *
 * <p>The transport owns the common state (status, feature negotiation, queue registers, interrupt
 * status); the device owns its configuration space and what it does with buffers. All calls come
 * on the vCPU thread.
 */
public interface VirtioDevice {

  /** Device type, virtio 1.2 §5: 2 = block, 4 = entropy. Zero would mean "no device". */
  int deviceId();

  /**
   * Device-specific feature bits offered (bits 0-23 and any the device itself implements). The
   * transport adds {@code VIRTIO_F_VERSION_1} and the ring features it implements.
   */
  long features();

  /** Number of virtqueues. */
  int queueCount();

  /** Largest size the driver may give queue {@code queue}; a power of two, at most 32768. */
  int queueMaxSize(int queue);

  /** Size in bytes of the device configuration space. */
  int configSize();

  /**
   * Reads {@code size} (1, 2, 4 or 8) little-endian bytes of configuration space at {@code
   * offset}; the transport has checked that the range lies inside {@link #configSize()}.
   */
  long readConfig(int offset, int size);

  /** Writes configuration space; most fields are read-only, so the default ignores the write. */
  default void writeConfig(int offset, int size, long value) {}

  /**
   * Called once the driver's feature set is accepted (FEATURES_OK), before any queue is used.
   *
   * @param features the negotiated bits, a subset of what was offered
   */
  default void featuresNegotiated(long features) {}

  /**
   * The driver made buffers available on queue {@code queue} (a write to QueueNotify, or
   * DRIVER_OK with buffers already queued). Pop chains from {@code q}, push them back used, then
   * call {@link Transport#notifyUsed}.
   */
  void queueNotified(int queue, Virtqueue q);

  /** Returns the device to its initial state (the driver wrote 0 to Status). */
  void reset();

  /** Called by the transport right after construction, so the device can reach it. */
  void attach(Transport transport);

  /** What a device tells its transport. */
  interface Transport {

    /**
     * Used buffers were added to {@code q}; raise a used-buffer interrupt unless the driver
     * suppressed it (VIRTQ_AVAIL_F_NO_INTERRUPT or used_event).
     */
    void notifyUsed(Virtqueue q);

    /** Configuration space changed (e.g. disk resized): bump ConfigGeneration and interrupt. */
    void configChanged();

    /**
     * The driver did something the device cannot recover from (a malformed request): set
     * DEVICE_NEEDS_RESET and stop using queues until the driver resets the device.
     */
    void deviceError(String reason);

    /** Queue {@code index} of this device, for devices that fill buffers without a notify. */
    Virtqueue queue(int index);
  }
}
