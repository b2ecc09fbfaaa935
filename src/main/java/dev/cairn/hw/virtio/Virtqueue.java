package dev.cairn.hw.virtio;

import dev.cairn.memory.GuestMemoryException;
import dev.cairn.memory.GuestRam;
import java.util.Arrays;

/**
 * One split virtqueue: descriptor table, driver (available) ring and device (used) ring in guest
 * memory. Reference: virtio 1.2 §2.7 (split virtqueues), §2.7.5.3 (indirect descriptors), §2.7.7
 * and §2.7.10 (notification suppression, VIRTIO_F_EVENT_IDX).
 *
 * <p>Everything read from guest memory is untrusted. A malformed ring or chain (index past the
 * queue, loop in {@code next}, buffer outside RAM, readable after writable) marks the queue broken:
 * {@link #pop()} returns null from then on and the transport sets DEVICE_NEEDS_RESET. Nothing here
 * throws to the caller.
 *
 * <p>The fields are the queue's complete guest-visible state (the transport registers plus the
 * device's ring positions); a {@link Chain} lives only between {@link #pop()} and {@link #push}
 * within one notification, because devices complete requests synchronously.
 */
public final class Virtqueue {

  public static final int VIRTQ_DESC_F_NEXT = 1;
  public static final int VIRTQ_DESC_F_WRITE = 2;
  public static final int VIRTQ_DESC_F_INDIRECT = 4;
  public static final int VIRTQ_AVAIL_F_NO_INTERRUPT = 1;

  /** Largest queue size the split format allows (§2.7). */
  public static final int MAX_SIZE = 32768;

  private static final int DESC_SIZE = 16;

  private final GuestRam ram;
  private final int index;
  private final int maxSize;

  // ---- driver-written registers (QueueNum, QueueReady, QueueDesc/Driver/Device) ----
  int size;
  boolean ready;
  long descAddr;
  long driverAddr;
  long deviceAddr;

  // ---- device-side ring state ----
  /** Free-running 16-bit index of the next available-ring entry to consume. */
  int lastAvailIdx;
  /** Free-running 16-bit index of the next used-ring entry to fill (mirrors used.idx). */
  int usedIdx;
  /** used.idx at the last interrupt sent, for VIRTIO_F_EVENT_IDX; valid only if the flag says so. */
  int signalledUsed;
  boolean signalledUsedValid;
  /** VIRTIO_F_EVENT_IDX was negotiated: use used_event / write avail_event. */
  boolean eventIdx;
  /** VIRTIO_F_INDIRECT_DESC was negotiated: accept indirect tables. */
  boolean indirect;
  /** The driver corrupted this queue; nothing more is consumed until reset. */
  boolean broken;
  String brokenReason;

  /**
   * @param ram guest memory holding the rings
   * @param index queue number on its device (for messages and {@link #index()})
   * @param maxSize QueueNumMax; a power of two at most {@link #MAX_SIZE}, or 0 for no queue
   */
  public Virtqueue(GuestRam ram, int index, int maxSize) {
    if (maxSize < 0 || maxSize > MAX_SIZE || Integer.bitCount(maxSize) > 1) {
      throw new IllegalArgumentException("virtqueue max size " + maxSize);
    }
    this.ram = ram;
    this.index = index;
    this.maxSize = maxSize;
    reset();
  }

  /** Back to the state after device reset: not ready, no addresses, default size. */
  public void reset() {
    size = maxSize;
    ready = false;
    descAddr = 0;
    driverAddr = 0;
    deviceAddr = 0;
    lastAvailIdx = 0;
    usedIdx = 0;
    signalledUsed = 0;
    signalledUsedValid = false;
    eventIdx = false;
    indirect = false;
    broken = false;
    brokenReason = null;
  }

  public int index() {
    return index;
  }

  public int maxSize() {
    return maxSize;
  }

  public int size() {
    return size;
  }

  public boolean ready() {
    return ready;
  }

  public boolean broken() {
    return broken;
  }

  public String brokenReason() {
    return brokenReason;
  }

  public long descAddr() {
    return descAddr;
  }

  public long driverAddr() {
    return driverAddr;
  }

  public long deviceAddr() {
    return deviceAddr;
  }

  /**
   * Checks the driver's QueueNum and ring addresses and makes the queue live. Ring indices start
   * at zero, as for a freshly allocated ring.
   *
   * @return null on success, else why the setup is unusable (the queue stays not ready)
   */
  String enable() {
    if (size == 0 || size > maxSize || Integer.bitCount(size) != 1) {
      // Split rings need a power of two so free-running 16-bit indices wrap onto slot 0.
      return "queue " + index + ": size " + size + " is not a power of two up to " + maxSize;
    }
    if ((descAddr & 15) != 0 || (driverAddr & 1) != 0 || (deviceAddr & 3) != 0) {
      return "queue " + index + ": misaligned ring address";
    }
    if (!ram.contains(descAddr, (long) DESC_SIZE * size)
        || !ram.contains(driverAddr, 6 + 2L * size)
        || !ram.contains(deviceAddr, 6 + 8L * size)) {
      return "queue " + index + ": ring outside guest RAM";
    }
    lastAvailIdx = 0;
    usedIdx = 0;
    signalledUsedValid = false;
    broken = false;
    brokenReason = null;
    ready = true;
    return null;
  }

  /** Returns true if the driver has made buffers available that the device has not taken. */
  public boolean hasAvailable() {
    if (!ready || broken) {
      return false;
    }
    try {
      return availIdx() != lastAvailIdx;
    } catch (GuestMemoryException e) {
      fail("available ring unreadable: " + e.getMessage());
      return false;
    }
  }

  /**
   * Takes the next available descriptor chain.
   *
   * @return the chain, or null if none is available or the queue is (now) broken
   */
  public Chain pop() {
    if (!ready || broken) {
      return null;
    }
    try {
      int avail = availIdx();
      int pending = (avail - lastAvailIdx) & 0xFFFF;
      if (pending == 0) {
        publishAvailEvent();
        return null;
      }
      if (pending > size) {
        fail("driver moved avail.idx from " + lastAvailIdx + " to " + avail);
        return null;
      }
      int head = ram.readShort(driverAddr + 4 + 2L * (lastAvailIdx & (size - 1))) & 0xFFFF;
      lastAvailIdx = (lastAvailIdx + 1) & 0xFFFF;
      publishAvailEvent();
      if (head >= size) {
        fail("head descriptor " + head + " beyond queue size " + size);
        return null;
      }
      return walk(head);
    } catch (GuestMemoryException e) {
      fail("ring access outside RAM: " + e.getMessage());
      return null;
    }
  }

  private int availIdx() {
    return ram.readShort(driverAddr + 2) & 0xFFFF;
  }

  /**
   * With EVENT_IDX, asks the driver to notify once it adds the entry we will read next, i.e. on
   * every new buffer after we have caught up (§2.7.10).
   */
  private void publishAvailEvent() {
    if (eventIdx) {
      ram.writeShort(deviceAddr + 4 + 8L * size, (short) lastAvailIdx);
    }
  }

  private Chain walk(int head) {
    Chain chain = new Chain(head);
    long table = descAddr;
    int tableSize = size;
    int i = head;
    int seen = 0;
    boolean inIndirect = false;
    while (true) {
      long d = table + (long) DESC_SIZE * i;
      long addr = ram.readLong(d);
      int len = ram.readInt(d + 8);
      int flags = ram.readShort(d + 12) & 0xFFFF;
      int next = ram.readShort(d + 14) & 0xFFFF;
      if ((flags & VIRTQ_DESC_F_INDIRECT) != 0) {
        if (!indirect) {
          return failChain("indirect descriptor but VIRTIO_F_INDIRECT_DESC not negotiated");
        }
        if (inIndirect || seen != 0 || (flags & VIRTQ_DESC_F_NEXT) != 0) {
          // §2.7.5.3.1: only a lone top-level descriptor may point to a table, no nesting.
          return failChain("indirect descriptor inside a chain or table");
        }
        long tableLen = len & 0xFFFF_FFFFL;
        if (tableLen == 0 || tableLen % DESC_SIZE != 0 || tableLen / DESC_SIZE > MAX_SIZE) {
          return failChain("indirect table length " + tableLen);
        }
        if (!ram.contains(addr, tableLen)) {
          return failChain("indirect table outside RAM");
        }
        table = addr;
        tableSize = (int) (tableLen / DESC_SIZE);
        i = 0;
        inIndirect = true;
        continue;
      }
      if (++seen > tableSize) {
        return failChain("descriptor chain longer than its table (loop in next?)");
      }
      long ulen = len & 0xFFFF_FFFFL;
      if (!ram.contains(addr, ulen)) {
        return failChain(String.format("buffer 0x%x+%d outside guest RAM", addr, ulen));
      }
      if ((flags & VIRTQ_DESC_F_WRITE) != 0) {
        chain.addWritable(addr, ulen);
      } else {
        if (chain.writableCount > 0) {
          return failChain("device-readable descriptor after a device-writable one");
        }
        chain.addReadable(addr, ulen);
      }
      if ((flags & VIRTQ_DESC_F_NEXT) == 0) {
        return chain;
      }
      if (next >= tableSize) {
        return failChain("next index " + next + " beyond table size " + tableSize);
      }
      i = next;
    }
  }

  private Chain failChain(String why) {
    fail(why);
    return null;
  }

  private void fail(String why) {
    if (!broken) {
      broken = true;
      brokenReason = "queue " + index + ": " + why;
    }
  }

  /**
   * Returns {@code chain} to the driver in the used ring.
   *
   * @param written bytes the device wrote into the chain's writable buffers
   */
  public void push(Chain chain, long written) {
    if (!ready || broken) {
      return;
    }
    try {
      long elem = deviceAddr + 4 + 8L * (usedIdx & (size - 1));
      ram.writeInt(elem, chain.head);
      ram.writeInt(elem + 4, (int) Math.min(written, 0xFFFF_FFFFL));
      usedIdx = (usedIdx + 1) & 0xFFFF;
      ram.writeShort(deviceAddr + 2, (short) usedIdx);
    } catch (GuestMemoryException e) {
      fail("used ring outside RAM: " + e.getMessage());
    }
  }

  /**
   * Decides whether the used buffers pushed since the last interrupt warrant one now, and if so
   * records that it was sent. Reference: §2.7.7.2 and the vring_need_event rule of §2.7.10.
   */
  boolean shouldInterrupt() {
    if (!ready || broken) {
      return false;
    }
    try {
      if (!eventIdx) {
        int flags = ram.readShort(driverAddr) & 0xFFFF;
        return (flags & VIRTQ_AVAIL_F_NO_INTERRUPT) == 0;
      }
      int usedEvent = ram.readShort(driverAddr + 4 + 2L * size) & 0xFFFF;
      int old = signalledUsed;
      boolean valid = signalledUsedValid;
      signalledUsed = usedIdx;
      signalledUsedValid = true;
      if (!valid) {
        return true;
      }
      // Interrupt iff used_event lies in [old, new): the driver asked to hear about that entry.
      return ((usedIdx - usedEvent - 1) & 0xFFFF) < ((usedIdx - old) & 0xFFFF);
    } catch (GuestMemoryException e) {
      fail("available ring outside RAM: " + e.getMessage());
      return false;
    }
  }

  /**
   * One descriptor chain taken from the queue: the device-readable buffers followed by the
   * device-writable ones, all already checked to lie in guest RAM.
   */
  public final class Chain {
    private final int head;
    private long[] readableAddr = new long[4];
    private long[] readableLen = new long[4];
    private int readableCount;
    private long readableTotal;
    private long[] writableAddr = new long[4];
    private long[] writableLen = new long[4];
    private int writableCount;
    private long writableTotal;

    private Chain(int head) {
      this.head = head;
    }

    /** Index of the chain's first descriptor, as reported in the used ring. */
    public int head() {
      return head;
    }

    public long readableLength() {
      return readableTotal;
    }

    public long writableLength() {
      return writableTotal;
    }

    public int readableCount() {
      return readableCount;
    }

    public int writableCount() {
      return writableCount;
    }

    private void addReadable(long addr, long len) {
      if (readableCount == readableAddr.length) {
        readableAddr = Arrays.copyOf(readableAddr, readableCount * 2);
        readableLen = Arrays.copyOf(readableLen, readableCount * 2);
      }
      readableAddr[readableCount] = addr;
      readableLen[readableCount++] = len;
      readableTotal += len;
    }

    private void addWritable(long addr, long len) {
      if (writableCount == writableAddr.length) {
        writableAddr = Arrays.copyOf(writableAddr, writableCount * 2);
        writableLen = Arrays.copyOf(writableLen, writableCount * 2);
      }
      writableAddr[writableCount] = addr;
      writableLen[writableCount++] = len;
      writableTotal += len;
    }

    /**
     * Copies up to {@code len} bytes starting {@code offset} bytes into the readable buffers
     * (treated as one byte stream) into {@code dst}.
     *
     * @return bytes copied; fewer than {@code len} if the readable part ends first
     */
    public int gather(long offset, byte[] dst, int off, int len) {
      return copy(readableAddr, readableLen, readableCount, offset, dst, off, len, false);
    }

    /**
     * Copies up to {@code len} bytes of {@code src} into the writable buffers starting {@code
     * offset} bytes into them (treated as one byte stream).
     *
     * @return bytes copied; fewer than {@code len} if the writable part ends first
     */
    public int scatter(long offset, byte[] src, int off, int len) {
      return copy(writableAddr, writableLen, writableCount, offset, src, off, len, true);
    }

    private int copy(
        long[] addrs,
        long[] lens,
        int count,
        long offset,
        byte[] buf,
        int off,
        int len,
        boolean toGuest) {
      int done = 0;
      for (int s = 0; s < count && done < len; s++) {
        if (offset >= lens[s]) {
          offset -= lens[s];
          continue;
        }
        int n = (int) Math.min(len - done, lens[s] - offset);
        if (toGuest) {
          ram.write(addrs[s] + offset, buf, off + done, n);
        } else {
          ram.read(addrs[s] + offset, buf, off + done, n);
        }
        done += n;
        offset = 0;
      }
      return done;
    }
  }
}
