package dev.cairn.hw.virtio;

import dev.cairn.memory.GuestRam;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One 2D resource of a {@link VirtioGpu}: a host-side image and the guest pages that back it.
 * Reference: virtio 1.2 §5.7.6.8 (RESOURCE_CREATE_2D, RESOURCE_ATTACH_BACKING,
 * TRANSFER_TO_HOST_2D).
 *
 * <p>The image is kept as {@code 0xAARRGGBB} ints, converted from the guest's format once, when
 * the guest transfers pixels; a display surface shows the array in place.
 */
final class GpuResource {

  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  final int id;
  final int format;
  final int width;
  final int height;
  final int[] pixels;
  /** Backing segments (guest-physical address, length), in order; empty when detached. */
  long[] backingAddr = new long[0];
  int[] backingLen = new int[0];
  /** backingStart[i] = offset of segment i in the backing as one byte stream. */
  private long[] backingStart = new long[0];
  private long backingSize;

  GpuResource(int id, int format, int width, int height) {
    this(id, format, width, height, new int[width * height]);
  }

  GpuResource(int id, int format, int width, int height, int[] pixels) {
    this.id = id;
    this.format = format;
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  long bytes() {
    return 4L * width * height;
  }

  boolean hasBacking() {
    return backingAddr.length > 0;
  }

  void attach(long[] addrs, int[] lens) {
    backingAddr = addrs;
    backingLen = lens;
    backingStart = new long[addrs.length];
    long at = 0;
    for (int i = 0; i < addrs.length; i++) {
      backingStart[i] = at;
      at += lens[i] & 0xFFFF_FFFFL;
    }
    backingSize = at;
  }

  void detach() {
    attach(new long[0], new int[0]);
  }

  /** Whether {@code [x, x+w) x [y, y+h)} lies inside the image. */
  boolean contains(long x, long y, long w, long h) {
    return x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= width && y + h <= height;
  }

  /**
   * TRANSFER_TO_HOST_2D: copies rows {@code y..y+h} columns {@code x..x+w} from the backing,
   * where row {@code r} of the rectangle starts {@code offset + r * stride} bytes into it (stride
   * = width * 4), as QEMU reads it. Bytes beyond the backing leave the image unchanged.
   *
   * @param row a scratch buffer of at least {@code w * 4} bytes
   */
  void transfer(GuestRam ram, int x, int y, int w, int h, long offset, byte[] row) {
    long stride = 4L * width;
    for (int r = 0; r < h; r++) {
      int n = read(ram, offset + r * stride, row, w * 4);
      int base = (y + r) * width + x;
      for (int i = 0; i + 4 <= n; i += 4) {
        pixels[base + (i >> 2)] = GpuProtocol.toArgb(format, (int) LE_INT.get(row, i));
      }
    }
  }

  /** Reads up to {@code len} bytes at {@code offset} of the backing; returns how many. */
  private int read(GuestRam ram, long offset, byte[] dst, int len) {
    if (offset < 0 || offset >= backingSize) {
      return 0;
    }
    int seg = Arrays.binarySearch(backingStart, offset);
    if (seg < 0) {
      seg = -seg - 2;
    }
    int done = 0;
    long within = offset - backingStart[seg];
    while (done < len && seg < backingAddr.length) {
      long segLen = backingLen[seg] & 0xFFFF_FFFFL;
      int n = (int) Math.min(len - done, segLen - within);
      if (n > 0) {
        ram.read(backingAddr[seg] + within, dst, done, n);
        done += n;
      }
      seg++;
      within = 0;
    }
    return done;
  }
}
