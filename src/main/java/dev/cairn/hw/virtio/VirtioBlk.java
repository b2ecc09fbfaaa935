package dev.cairn.hw.virtio;

import dev.cairn.block.BlockDriver;
import dev.cairn.block.BlockException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * virtio-blk: a disk backed by a {@link BlockDriver}. Reference: virtio 1.2 §5.2 (block device).
 *
 * <p>One request queue. Each request is a chain: a 16-byte readable header (type, reserved,
 * sector), data buffers, and a final writable status byte. Requests complete synchronously on the
 * vCPU thread, so no request is ever in flight between two MMIO accesses; the device's
 * guest-visible state is only its configuration, which follows from the disk and the id.
 */
public final class VirtioBlk implements VirtioDevice {

  public static final int DEVICE_ID = 2;

  // ---- feature bits (§5.2.3) ----
  public static final int VIRTIO_BLK_F_SEG_MAX = 2;
  public static final int VIRTIO_BLK_F_RO = 5;
  public static final int VIRTIO_BLK_F_BLK_SIZE = 6;
  public static final int VIRTIO_BLK_F_FLUSH = 9;
  public static final int VIRTIO_BLK_F_DISCARD = 13;
  public static final int VIRTIO_BLK_F_WRITE_ZEROES = 14;

  // ---- request types and status (§5.2.6) ----
  public static final int VIRTIO_BLK_T_IN = 0;
  public static final int VIRTIO_BLK_T_OUT = 1;
  public static final int VIRTIO_BLK_T_FLUSH = 4;
  public static final int VIRTIO_BLK_T_GET_ID = 8;
  public static final int VIRTIO_BLK_T_DISCARD = 11;
  public static final int VIRTIO_BLK_T_WRITE_ZEROES = 13;
  public static final int VIRTIO_BLK_S_OK = 0;
  public static final int VIRTIO_BLK_S_IOERR = 1;
  public static final int VIRTIO_BLK_S_UNSUPP = 2;

  public static final int SECTOR_SIZE = 512;
  public static final int ID_BYTES = 20;
  public static final int QUEUE_SIZE = 256;
  /** Data segments per request; the header and status take the other two descriptors. */
  public static final int SEG_MAX = QUEUE_SIZE - 2;
  /** Sectors per DISCARD / WRITE_ZEROES segment we accept (a 16-bit-friendly 32 MiB). */
  public static final int MAX_ZERO_SECTORS = 65536;
  private static final int CONFIG_SIZE = 0x3c;
  private static final int HEADER_SIZE = 16;
  private static final int SCRATCH = 64 * 1024;

  private static final System.Logger LOG = System.getLogger(VirtioBlk.class.getName());

  private final BlockDriver disk;
  private final byte[] serial;
  /** Capacity in 512-byte sectors; a trailing partial sector of the image is not visible. */
  private final long capacity;
  /** Bounce buffer between the image and guest memory; holds no state across requests. */
  private final byte[] scratch = new byte[SCRATCH];
  private VirtioDevice.Transport transport;

  /**
   * @param disk the image; read-only images are offered with VIRTIO_BLK_F_RO
   * @param id serial number returned by GET_ID (visible as /sys/block/vda/serial); ASCII, only
   *     the first 20 bytes are used
   */
  public VirtioBlk(BlockDriver disk, String id) {
    this.disk = disk;
    byte[] b = id.getBytes(StandardCharsets.US_ASCII);
    this.serial = java.util.Arrays.copyOf(b, Math.min(b.length, ID_BYTES));
    this.capacity = disk.size() / SECTOR_SIZE;
  }

  public BlockDriver disk() {
    return disk;
  }

  /** Capacity in 512-byte sectors. */
  public long capacity() {
    return capacity;
  }

  @Override
  public int deviceId() {
    return DEVICE_ID;
  }

  @Override
  public long features() {
    long f =
        (1L << VIRTIO_BLK_F_SEG_MAX)
            | (1L << VIRTIO_BLK_F_BLK_SIZE)
            | (1L << VIRTIO_BLK_F_FLUSH);
    if (disk.readOnly()) {
      f |= 1L << VIRTIO_BLK_F_RO;
    } else {
      f |= (1L << VIRTIO_BLK_F_DISCARD) | (1L << VIRTIO_BLK_F_WRITE_ZEROES);
    }
    return f;
  }

  @Override
  public int queueCount() {
    return 1;
  }

  @Override
  public int queueMaxSize(int queue) {
    return QUEUE_SIZE;
  }

  @Override
  public int configSize() {
    return CONFIG_SIZE;
  }

  @Override
  public long readConfig(int offset, int size) {
    // struct virtio_blk_config (§5.2.4), rebuilt on each read: reads are rare (probe, resize).
    ByteBuffer c = ByteBuffer.allocate(CONFIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    c.putLong(0x00, capacity);
    c.putInt(0x08, 0); // size_max: VIRTIO_BLK_F_SIZE_MAX not offered
    c.putInt(0x0c, SEG_MAX);
    // 0x10 geometry: not offered
    c.putInt(0x14, SECTOR_SIZE); // blk_size
    // 0x18 topology: not offered; 0x20 writeback: only with CONFIG_WCE; 0x22 num_queues: no MQ
    c.putInt(0x24, MAX_ZERO_SECTORS); // max_discard_sectors
    c.putInt(0x28, 1); // max_discard_seg
    c.putInt(0x2c, 1); // discard_sector_alignment, in sectors
    c.putInt(0x30, MAX_ZERO_SECTORS); // max_write_zeroes_sectors
    c.putInt(0x34, 1); // max_write_zeroes_seg
    c.put(0x38, (byte) 0); // write_zeroes_may_unmap
    long v = 0;
    for (int i = 0; i < size; i++) {
      v |= (c.get(offset + i) & 0xFFL) << (8 * i);
    }
    return v;
  }

  @Override
  public void attach(VirtioDevice.Transport transport) {
    this.transport = transport;
  }

  @Override
  public void reset() {
    // No device-side state beyond the queues, which the transport resets.
  }

  @Override
  public void queueNotified(int queue, Virtqueue q) {
    boolean used = false;
    Virtqueue.Chain chain;
    while ((chain = q.pop()) != null) {
      q.push(chain, handle(chain));
      used = true;
    }
    if (used || q.broken()) {
      transport.notifyUsed(q);
    }
  }

  /** Executes one request and returns the bytes written into its writable buffers. */
  private long handle(Virtqueue.Chain chain) {
    byte[] header = new byte[HEADER_SIZE];
    long writable = chain.writableLength();
    if (chain.gather(0, header, 0, HEADER_SIZE) != HEADER_SIZE || writable < 1) {
      // No room for a header or a status byte: nothing can be reported; hand the chain back so
      // the driver does not leak it (QEMU treats this as fatal, Linux never does it).
      LOG.log(System.Logger.Level.WARNING, "virtio-blk: request without header or status byte");
      return 0;
    }
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    int type = h.getInt(0);
    long sector = h.getLong(8);
    long dataOut = chain.readableLength() - HEADER_SIZE; // guest-to-device payload
    long dataIn = writable - 1; // device-to-guest payload, before the status byte
    int status;
    long written = 0;
    switch (type) {
      case VIRTIO_BLK_T_IN:
        status = read(chain, sector, dataIn);
        if (status == VIRTIO_BLK_S_OK) {
          written = dataIn;
        }
        break;
      case VIRTIO_BLK_T_OUT:
        status = write(chain, sector, dataOut);
        break;
      case VIRTIO_BLK_T_FLUSH:
        status = flush();
        break;
      case VIRTIO_BLK_T_GET_ID:
        byte[] id = new byte[ID_BYTES]; // zero padded; not NUL-terminated when 20 bytes long
        System.arraycopy(serial, 0, id, 0, serial.length);
        written = chain.scatter(0, id, 0, (int) Math.min(ID_BYTES, dataIn));
        status = VIRTIO_BLK_S_OK;
        break;
      case VIRTIO_BLK_T_DISCARD:
      case VIRTIO_BLK_T_WRITE_ZEROES:
        status =
            disk.readOnly() ? VIRTIO_BLK_S_IOERR : discardOrZero(chain, dataOut, type);
        break;
      default:
        status = VIRTIO_BLK_S_UNSUPP;
        break;
    }
    chain.scatter(writable - 1, new byte[] {(byte) status}, 0, 1);
    return written + 1;
  }

  /** Returns true if {@code bytes} at {@code sector} is whole sectors inside the disk. */
  private boolean inRange(long sector, long bytes) {
    if (bytes % SECTOR_SIZE != 0 || sector < 0 || sector > capacity) {
      return false;
    }
    return bytes / SECTOR_SIZE <= capacity - sector;
  }

  private int read(Virtqueue.Chain chain, long sector, long len) {
    if (!inRange(sector, len)) {
      return VIRTIO_BLK_S_IOERR;
    }
    long offset = sector * SECTOR_SIZE;
    try {
      for (long done = 0; done < len; ) {
        int n = (int) Math.min(SCRATCH, len - done);
        disk.read(offset + done, scratch, 0, n);
        chain.scatter(done, scratch, 0, n);
        done += n;
      }
      return VIRTIO_BLK_S_OK;
    } catch (BlockException e) {
      LOG.log(System.Logger.Level.WARNING, "virtio-blk read failed: " + e.getMessage());
      return VIRTIO_BLK_S_IOERR;
    }
  }

  private int write(Virtqueue.Chain chain, long sector, long len) {
    if (disk.readOnly() || !inRange(sector, len)) {
      return VIRTIO_BLK_S_IOERR;
    }
    long offset = sector * SECTOR_SIZE;
    try {
      for (long done = 0; done < len; ) {
        int n = (int) Math.min(SCRATCH, len - done);
        chain.gather(HEADER_SIZE + done, scratch, 0, n);
        disk.write(offset + done, scratch, 0, n);
        done += n;
      }
      return VIRTIO_BLK_S_OK;
    } catch (BlockException e) {
      LOG.log(System.Logger.Level.WARNING, "virtio-blk write failed: " + e.getMessage());
      return VIRTIO_BLK_S_IOERR;
    }
  }

  private int flush() {
    try {
      disk.flush();
      return VIRTIO_BLK_S_OK;
    } catch (BlockException e) {
      LOG.log(System.Logger.Level.WARNING, "virtio-blk flush failed: " + e.getMessage());
      return VIRTIO_BLK_S_IOERR;
    }
  }

  /**
   * DISCARD / WRITE_ZEROES: the payload is a list of 16-byte {sector, num_sectors, flags}
   * segments (§5.2.6). Discard is advisory: a qcow2 image gives whole clusters back, a raw one
   * keeps the data, which §5.2.6.2 allows.
   */
  private int discardOrZero(Virtqueue.Chain chain, long payload, int type) {
    if (payload <= 0 || payload % 16 != 0) {
      return VIRTIO_BLK_S_IOERR;
    }
    byte[] seg = new byte[16];
    ByteBuffer s = ByteBuffer.wrap(seg).order(ByteOrder.LITTLE_ENDIAN);
    try {
      for (long pos = 0; pos < payload; pos += 16) {
        chain.gather(HEADER_SIZE + pos, seg, 0, 16);
        long sector = s.getLong(0);
        long sectors = s.getInt(8) & 0xFFFF_FFFFL;
        int flags = s.getInt(12);
        if ((flags & ~1) != 0) {
          // Only the unmap bit is defined; reserved bits set means UNSUPP (§5.2.6.2).
          return VIRTIO_BLK_S_UNSUPP;
        }
        if (sectors > MAX_ZERO_SECTORS || !inRange(sector, sectors * SECTOR_SIZE)) {
          return VIRTIO_BLK_S_IOERR;
        }
        if (type == VIRTIO_BLK_T_WRITE_ZEROES) {
          disk.writeZeroes(sector * SECTOR_SIZE, sectors * SECTOR_SIZE);
        } else {
          disk.discard(sector * SECTOR_SIZE, sectors * SECTOR_SIZE);
        }
      }
      return VIRTIO_BLK_S_OK;
    } catch (BlockException e) {
      LOG.log(System.Logger.Level.WARNING, "virtio-blk zeroing failed: " + e.getMessage());
      return VIRTIO_BLK_S_IOERR;
    }
  }
}
