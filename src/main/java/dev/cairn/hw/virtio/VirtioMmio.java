package dev.cairn.hw.virtio;

import dev.cairn.hw.IrqLine;
import dev.cairn.memory.GuestRam;
import dev.cairn.memory.MmioDevice;

/**
 * The virtio-mmio transport, modern interface only (Version 2). Reference: virtio 1.2 §4.2.2
 * (MMIO device register layout), §3.1 (device initialization), §2.1 (device status field).
 *
 * <p>One instance is one 0x200-byte register window (the board gives each slot 0x1000) with one
 * interrupt line. Registers are 32 bits wide; the configuration space at 0x100 accepts 1, 2, 4 and
 * 8 byte accesses. All guest-visible state lives in the fields below and in the {@link Virtqueue}s.
 */
public final class VirtioMmio implements MmioDevice, VirtioDevice.Transport {

  // ---- register offsets (§4.2.2) ----
  public static final int MAGIC_VALUE = 0x000;
  public static final int VERSION = 0x004;
  public static final int DEVICE_ID = 0x008;
  public static final int VENDOR_ID = 0x00c;
  public static final int DEVICE_FEATURES = 0x010;
  public static final int DEVICE_FEATURES_SEL = 0x014;
  public static final int DRIVER_FEATURES = 0x020;
  public static final int DRIVER_FEATURES_SEL = 0x024;
  public static final int QUEUE_SEL = 0x030;
  public static final int QUEUE_NUM_MAX = 0x034;
  public static final int QUEUE_NUM = 0x038;
  public static final int QUEUE_READY = 0x044;
  public static final int QUEUE_NOTIFY = 0x050;
  public static final int INTERRUPT_STATUS = 0x060;
  public static final int INTERRUPT_ACK = 0x064;
  public static final int STATUS = 0x070;
  public static final int QUEUE_DESC_LOW = 0x080;
  public static final int QUEUE_DESC_HIGH = 0x084;
  public static final int QUEUE_DRIVER_LOW = 0x090;
  public static final int QUEUE_DRIVER_HIGH = 0x094;
  public static final int QUEUE_DEVICE_LOW = 0x0a0;
  public static final int QUEUE_DEVICE_HIGH = 0x0a4;
  public static final int SHM_SEL = 0x0ac;
  public static final int SHM_LEN_LOW = 0x0b0;
  public static final int SHM_LEN_HIGH = 0x0b4;
  public static final int SHM_BASE_LOW = 0x0b8;
  public static final int SHM_BASE_HIGH = 0x0bc;
  public static final int CONFIG_GENERATION = 0x0fc;
  public static final int CONFIG = 0x100;

  public static final int MAGIC = 0x74726976; // "virt"
  public static final int VENDOR_QEMU = 0x554D4551; // "QEMU", so guests treat us like QEMU's board

  // ---- device status bits (§2.1) ----
  public static final int STATUS_ACKNOWLEDGE = 1;
  public static final int STATUS_DRIVER = 2;
  public static final int STATUS_DRIVER_OK = 4;
  public static final int STATUS_FEATURES_OK = 8;
  public static final int STATUS_DEVICE_NEEDS_RESET = 64;
  public static final int STATUS_FAILED = 128;

  // ---- interrupt status bits (§4.2.2) ----
  public static final int INT_USED_BUFFER = 1;
  public static final int INT_CONFIG_CHANGE = 2;

  // ---- transport / ring feature bits (§6) ----
  public static final int VIRTIO_F_INDIRECT_DESC = 28;
  public static final int VIRTIO_F_EVENT_IDX = 29;
  public static final int VIRTIO_F_VERSION_1 = 32;

  /** Features the transport and {@link Virtqueue} implement, offered on top of the device's. */
  static final long TRANSPORT_FEATURES =
      (1L << VIRTIO_F_VERSION_1) | (1L << VIRTIO_F_INDIRECT_DESC) | (1L << VIRTIO_F_EVENT_IDX);

  private static final System.Logger LOG = System.getLogger(VirtioMmio.class.getName());

  private final IrqLine irq;
  private final VirtioDevice device;
  private final Virtqueue[] queues;

  // ---- guest-visible transport state ----
  int status;
  int deviceFeaturesSel;
  int driverFeaturesSel;
  /** Bits the driver has written to DriverFeatures (all 64, selected 32 at a time). */
  long driverFeatures;
  int queueSel;
  int interruptStatus;
  int configGeneration;
  int shmSel;

  /**
   * @param ram guest memory the device's queues live in
   * @param irq the slot's PLIC line; driven high while InterruptStatus is non-zero
   * @param device the device behind this transport
   */
  public VirtioMmio(GuestRam ram, IrqLine irq, VirtioDevice device) {
    this.irq = irq;
    this.device = device;
    int n = device.queueCount();
    this.queues = new Virtqueue[n];
    for (int i = 0; i < n; i++) {
      queues[i] = new Virtqueue(ram, i, device.queueMaxSize(i));
    }
    device.attach(this);
    reset();
  }

  public VirtioDevice device() {
    return device;
  }

  /** Queue {@code i} of the device (for devices, tests, the monitor and state save). */
  @Override
  public Virtqueue queue(int i) {
    return queues[i];
  }

  public int status() {
    return status;
  }

  public int interruptStatus() {
    return interruptStatus;
  }

  /** The features in force once FEATURES_OK was accepted; before that, what the driver wrote. */
  public long driverFeatures() {
    return driverFeatures;
  }

  /** Every feature bit offered to the driver. */
  public long deviceFeatures() {
    return device.features() | TRANSPORT_FEATURES;
  }

  /** Device reset, as by writing 0 to Status or a system reset. Lowers the interrupt line. */
  public void reset() {
    status = 0;
    deviceFeaturesSel = 0;
    driverFeaturesSel = 0;
    driverFeatures = 0;
    queueSel = 0;
    interruptStatus = 0;
    configGeneration = 0;
    shmSel = 0;
    for (Virtqueue q : queues) {
      q.reset();
    }
    device.reset();
    updateIrq();
  }

  @Override
  public long read(long offset, int size) {
    if (offset >= CONFIG) {
      return readConfig(offset - CONFIG, size);
    }
    if (size != 4 || (offset & 3) != 0) {
      // §4.2.2.2: the driver MUST use 32-bit accesses below the config space.
      return 0;
    }
    switch ((int) offset) {
      case MAGIC_VALUE:
        return MAGIC;
      case VERSION:
        return 2;
      case DEVICE_ID:
        return device.deviceId();
      case VENDOR_ID:
        return VENDOR_QEMU & 0xFFFF_FFFFL;
      case DEVICE_FEATURES:
        return deviceFeaturesSel > 1 ? 0 : (deviceFeatures() >>> (32 * deviceFeaturesSel)) & 0xFFFF_FFFFL;
      case QUEUE_NUM_MAX:
        return selectedQueue() == null ? 0 : selectedQueue().maxSize();
      case QUEUE_READY:
        return selectedQueue() != null && selectedQueue().ready ? 1 : 0;
      case INTERRUPT_STATUS:
        return interruptStatus;
      case STATUS:
        return status;
      case QUEUE_DESC_LOW:
        return low(selectedQueue() == null ? 0 : selectedQueue().descAddr);
      case QUEUE_DESC_HIGH:
        return high(selectedQueue() == null ? 0 : selectedQueue().descAddr);
      case QUEUE_DRIVER_LOW:
        return low(selectedQueue() == null ? 0 : selectedQueue().driverAddr);
      case QUEUE_DRIVER_HIGH:
        return high(selectedQueue() == null ? 0 : selectedQueue().driverAddr);
      case QUEUE_DEVICE_LOW:
        return low(selectedQueue() == null ? 0 : selectedQueue().deviceAddr);
      case QUEUE_DEVICE_HIGH:
        return high(selectedQueue() == null ? 0 : selectedQueue().deviceAddr);
      case SHM_LEN_LOW:
      case SHM_LEN_HIGH:
      case SHM_BASE_LOW:
      case SHM_BASE_HIGH:
        // §4.2.2: no shared memory regions; a non-existent region has length (and base) ~0.
        return 0xFFFF_FFFFL;
      case CONFIG_GENERATION:
        return configGeneration & 0xFFFF_FFFFL;
      default:
        return 0;
    }
  }

  @Override
  public void write(long offset, int size, long value) {
    if (offset >= CONFIG) {
      writeConfig(offset - CONFIG, size, value);
      return;
    }
    if (size != 4 || (offset & 3) != 0) {
      return;
    }
    int v = (int) value;
    Virtqueue q = selectedQueue();
    switch ((int) offset) {
      case DEVICE_FEATURES_SEL:
        deviceFeaturesSel = v;
        break;
      case DRIVER_FEATURES:
        writeDriverFeatures(v);
        break;
      case DRIVER_FEATURES_SEL:
        driverFeaturesSel = v;
        break;
      case QUEUE_SEL:
        queueSel = v;
        break;
      case QUEUE_NUM:
        if (q != null && !q.ready) {
          q.size = v;
        }
        break;
      case QUEUE_READY:
        writeQueueReady(q, v);
        break;
      case QUEUE_NOTIFY:
        // Without VIRTIO_F_NOTIFICATION_DATA the value is just the queue index.
        notifyQueue(v & 0xFFFF);
        break;
      case INTERRUPT_ACK:
        interruptStatus &= ~v;
        updateIrq();
        break;
      case STATUS:
        writeStatus(v & 0xFF);
        break;
      case QUEUE_DESC_LOW:
        if (q != null && !q.ready) {
          q.descAddr = setLow(q.descAddr, v);
        }
        break;
      case QUEUE_DESC_HIGH:
        if (q != null && !q.ready) {
          q.descAddr = setHigh(q.descAddr, v);
        }
        break;
      case QUEUE_DRIVER_LOW:
        if (q != null && !q.ready) {
          q.driverAddr = setLow(q.driverAddr, v);
        }
        break;
      case QUEUE_DRIVER_HIGH:
        if (q != null && !q.ready) {
          q.driverAddr = setHigh(q.driverAddr, v);
        }
        break;
      case QUEUE_DEVICE_LOW:
        if (q != null && !q.ready) {
          q.deviceAddr = setLow(q.deviceAddr, v);
        }
        break;
      case QUEUE_DEVICE_HIGH:
        if (q != null && !q.ready) {
          q.deviceAddr = setHigh(q.deviceAddr, v);
        }
        break;
      case SHM_SEL:
        shmSel = v;
        break;
      default:
        break;
    }
  }

  private Virtqueue selectedQueue() {
    return queueSel >= 0 && queueSel < queues.length && queues[queueSel].maxSize() > 0
        ? queues[queueSel]
        : null;
  }

  private void writeDriverFeatures(int v) {
    if ((status & STATUS_FEATURES_OK) != 0 || driverFeaturesSel < 0 || driverFeaturesSel > 1) {
      // Once accepted the feature set is fixed until reset (§3.1.1).
      return;
    }
    int shift = 32 * driverFeaturesSel;
    driverFeatures = (driverFeatures & ~(0xFFFF_FFFFL << shift)) | ((v & 0xFFFF_FFFFL) << shift);
  }

  private void writeQueueReady(Virtqueue q, int v) {
    if (q == null) {
      return;
    }
    if ((v & 1) == 0) {
      q.ready = false;
      return;
    }
    if (q.ready) {
      return;
    }
    q.eventIdx = (driverFeatures & (1L << VIRTIO_F_EVENT_IDX)) != 0;
    q.indirect = (driverFeatures & (1L << VIRTIO_F_INDIRECT_DESC)) != 0;
    String problem = q.enable();
    if (problem != null) {
      deviceError(problem);
    }
  }

  private void writeStatus(int v) {
    if (v == 0) {
      reset();
      return;
    }
    int old = status;
    if ((v & STATUS_FEATURES_OK) != 0 && (old & STATUS_FEATURES_OK) == 0) {
      if (!featuresAcceptable()) {
        // §3.1.1 step 6: the driver re-reads Status and gives up when FEATURES_OK did not stick.
        v &= ~STATUS_FEATURES_OK;
      } else {
        device.featuresNegotiated(driverFeatures);
      }
    }
    // The driver cannot clear DEVICE_NEEDS_RESET except by resetting.
    status = v | (old & STATUS_DEVICE_NEEDS_RESET);
    if ((v & STATUS_DRIVER_OK) != 0 && (old & STATUS_DRIVER_OK) == 0) {
      // Notifications that arrived before DRIVER_OK were not acted on (§3.1.1); catch up now.
      for (Virtqueue q : queues) {
        if (q.hasAvailable()) {
          notifyQueue(q.index());
        }
      }
    }
  }

  private boolean featuresAcceptable() {
    long offered = deviceFeatures();
    return (driverFeatures & ~offered) == 0 && (driverFeatures & (1L << VIRTIO_F_VERSION_1)) != 0;
  }

  private void notifyQueue(int index) {
    if (index >= queues.length
        || (status & STATUS_DRIVER_OK) == 0
        || (status & STATUS_DEVICE_NEEDS_RESET) != 0) {
      return;
    }
    Virtqueue q = queues[index];
    if (!q.ready || q.broken) {
      return;
    }
    try {
      device.queueNotified(index, q);
    } catch (RuntimeException e) {
      // A device-model bug must not unwind the vCPU; the guest sees a device needing reset.
      LOG.log(System.Logger.Level.ERROR, "virtio device " + device.deviceId() + " failed", e);
      deviceError("internal error: " + e);
      return;
    }
    if (q.broken) {
      deviceError(q.brokenReason());
    }
  }

  private long readConfig(long offset, int size) {
    if (offset < 0 || offset + size > device.configSize()) {
      return 0;
    }
    return device.readConfig((int) offset, size);
  }

  private void writeConfig(long offset, int size, long value) {
    if (offset < 0 || offset + size > device.configSize()) {
      return;
    }
    device.writeConfig((int) offset, size, value);
  }

  // ---- VirtioDevice.Transport ----

  @Override
  public void notifyUsed(Virtqueue q) {
    if (q.broken()) {
      deviceError(q.brokenReason());
      return;
    }
    if (q.shouldInterrupt()) {
      interruptStatus |= INT_USED_BUFFER;
      updateIrq();
    }
  }

  @Override
  public void configChanged() {
    configGeneration++;
    if ((status & STATUS_DRIVER_OK) != 0) {
      interruptStatus |= INT_CONFIG_CHANGE;
      updateIrq();
    }
  }

  @Override
  public void deviceError(String reason) {
    if ((status & STATUS_DEVICE_NEEDS_RESET) != 0) {
      return;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "virtio device " + device.deviceId() + " needs reset: " + reason);
    status |= STATUS_DEVICE_NEEDS_RESET;
    // §2.1.2: setting DEVICE_NEEDS_RESET goes with a configuration change notification.
    if ((status & STATUS_DRIVER_OK) != 0) {
      interruptStatus |= INT_CONFIG_CHANGE;
      updateIrq();
    }
  }

  void updateIrq() {
    irq.set(interruptStatus != 0);
  }

  private static long low(long v) {
    return v & 0xFFFF_FFFFL;
  }

  private static long high(long v) {
    return v >>> 32;
  }

  private static long setLow(long old, int v) {
    return (old & 0xFFFF_FFFF_0000_0000L) | (v & 0xFFFF_FFFFL);
  }

  private static long setHigh(long old, int v) {
    return (old & 0xFFFF_FFFFL) | ((long) v << 32);
  }
}
