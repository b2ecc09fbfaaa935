package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.VirtioMmio.*;

import dev.cairn.memory.GuestRam;

/**
 * A minimal guest driver for tests: programs a {@link VirtioMmio} through its registers only, the
 * way Linux's virtio_mmio.c and virtio_ring.c do, and builds split rings in real guest RAM.
 */
final class TestDriver {

  static final long RAM_BASE = 0x8000_0000L;
  static final long RAM_SIZE = 16L << 20;

  final GuestRam ram;
  final VirtioMmio dev;
  private long next = RAM_BASE + 0x10000;

  // Per-queue driver bookkeeping (one queue under test at a time is enough here).
  int num;
  long desc;
  long avail;
  long used;
  int nextDesc;
  int availIdx;
  int lastSeenUsed;

  TestDriver(GuestRam ram, VirtioMmio dev) {
    this.ram = ram;
    this.dev = dev;
  }

  /** A driver for another queue of the same device, allocating from {@code from} upwards. */
  TestDriver(GuestRam ram, VirtioMmio dev, long from) {
    this(ram, dev);
    next = from;
  }

  long alloc(long size, int align) {
    next = (next + align - 1) & -align;
    long a = next;
    next += size;
    return a;
  }

  int reg(int offset) {
    return (int) dev.read(offset, 4);
  }

  void reg(int offset, long value) {
    dev.write(offset, 4, value);
  }

  long deviceFeatures() {
    reg(DEVICE_FEATURES_SEL, 0);
    long lo = reg(DEVICE_FEATURES) & 0xFFFF_FFFFL;
    reg(DEVICE_FEATURES_SEL, 1);
    long hi = reg(DEVICE_FEATURES) & 0xFFFF_FFFFL;
    return lo | (hi << 32);
  }

  /** Resets, acknowledges and negotiates {@code accept}; returns whether FEATURES_OK stuck. */
  boolean negotiate(long accept) {
    reg(STATUS, 0);
    reg(STATUS, STATUS_ACKNOWLEDGE);
    reg(STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    reg(DRIVER_FEATURES_SEL, 0);
    reg(DRIVER_FEATURES, accept & 0xFFFF_FFFFL);
    reg(DRIVER_FEATURES_SEL, 1);
    reg(DRIVER_FEATURES, accept >>> 32);
    reg(STATUS, reg(STATUS) | STATUS_FEATURES_OK);
    return (reg(STATUS) & STATUS_FEATURES_OK) != 0;
  }

  /** Negotiates every offered feature in {@code mask}, sets up queue 0 with {@code n} entries. */
  void start(long mask, int n) {
    if (!negotiate(deviceFeatures() & mask)) {
      throw new AssertionError("FEATURES_OK refused");
    }
    setupQueue(0, n);
    driverOk();
  }

  void setupQueue(int index, int n) {
    reg(QUEUE_SEL, index);
    if (reg(QUEUE_READY) != 0) {
      throw new AssertionError("queue already live");
    }
    if (reg(QUEUE_NUM_MAX) < n) {
      throw new AssertionError("queue too small");
    }
    num = n;
    desc = alloc(16L * n, 16);
    avail = alloc(6 + 2L * n, 2);
    used = alloc(6 + 8L * n, 4);
    nextDesc = 0;
    availIdx = 0;
    lastSeenUsed = 0;
    reg(QUEUE_NUM, n);
    reg(QUEUE_DESC_LOW, desc);
    reg(QUEUE_DESC_HIGH, desc >>> 32);
    reg(QUEUE_DRIVER_LOW, avail);
    reg(QUEUE_DRIVER_HIGH, avail >>> 32);
    reg(QUEUE_DEVICE_LOW, used);
    reg(QUEUE_DEVICE_HIGH, used >>> 32);
    reg(QUEUE_READY, 1);
  }

  void driverOk() {
    reg(STATUS, reg(STATUS) | STATUS_DRIVER_OK);
  }

  /** A buffer of a chain: guest address, length, device-writable or not. */
  record Buf(long addr, int len, boolean writable) {
    static Buf out(long addr, int len) {
      return new Buf(addr, len, false);
    }

    static Buf in(long addr, int len) {
      return new Buf(addr, len, true);
    }
  }

  void writeDesc(long table, int i, long addr, int len, int flags, int next) {
    long d = table + 16L * i;
    ram.writeLong(d, addr);
    ram.writeInt(d + 8, len);
    ram.writeShort(d + 12, (short) flags);
    ram.writeShort(d + 14, (short) next);
  }

  /** Writes a chain into the descriptor table and returns its head (not yet made available). */
  int addChain(Buf... bufs) {
    int head = nextDesc % num;
    for (int k = 0; k < bufs.length; k++) {
      int i = (nextDesc + k) % num;
      boolean last = k == bufs.length - 1;
      int flags = (last ? 0 : Virtqueue.VIRTQ_DESC_F_NEXT)
          | (bufs[k].writable() ? Virtqueue.VIRTQ_DESC_F_WRITE : 0);
      writeDesc(desc, i, bufs[k].addr(), bufs[k].len(), flags, (i + 1) % num);
    }
    nextDesc += bufs.length;
    return head;
  }

  /** Builds an indirect table holding {@code bufs} and a single top-level descriptor for it. */
  int addIndirect(Buf... bufs) {
    long table = alloc(16L * bufs.length, 16);
    for (int k = 0; k < bufs.length; k++) {
      boolean last = k == bufs.length - 1;
      int flags = (last ? 0 : Virtqueue.VIRTQ_DESC_F_NEXT)
          | (bufs[k].writable() ? Virtqueue.VIRTQ_DESC_F_WRITE : 0);
      writeDesc(table, k, bufs[k].addr(), bufs[k].len(), flags, k + 1);
    }
    int head = nextDesc % num;
    writeDesc(desc, head, table, 16 * bufs.length, Virtqueue.VIRTQ_DESC_F_INDIRECT, 0);
    nextDesc++;
    return head;
  }

  /** Puts {@code head} in the available ring and publishes the new avail.idx. */
  void makeAvailable(int head) {
    ram.writeShort(avail + 4 + 2L * (availIdx % num), (short) head);
    availIdx = (availIdx + 1) & 0xFFFF;
    ram.writeShort(avail + 2, (short) availIdx);
  }

  void kick(int queue) {
    reg(QUEUE_NOTIFY, queue);
  }

  /** Submits one chain on queue 0 and notifies. */
  int submit(Buf... bufs) {
    int head = addChain(bufs);
    makeAvailable(head);
    kick(0);
    return head;
  }

  int usedIdx() {
    return ram.readShort(used + 2) & 0xFFFF;
  }

  int usedId(int i) {
    return ram.readInt(used + 4 + 8L * (i % num));
  }

  int usedLen(int i) {
    return ram.readInt(used + 4 + 8L * (i % num) + 4);
  }

  void setAvailFlags(int flags) {
    ram.writeShort(avail, (short) flags);
  }

  void setUsedEvent(int value) {
    ram.writeShort(avail + 4 + 2L * num, (short) value);
  }

  int availEvent() {
    return ram.readShort(used + 4 + 8L * num) & 0xFFFF;
  }

  /** Acknowledges whatever InterruptStatus shows, as vm_interrupt does. */
  int ackInterrupt() {
    int s = reg(INTERRUPT_STATUS);
    reg(INTERRUPT_ACK, s);
    return s;
  }
}
