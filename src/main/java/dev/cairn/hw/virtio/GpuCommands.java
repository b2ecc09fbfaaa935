package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.GpuProtocol.*;

import dev.cairn.hw.display.Rect;
import dev.cairn.memory.GuestRam;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The control-queue commands of {@link VirtioGpu}, one method each. Reference: virtio 1.2
 * §5.7.6.7 (device requests: controlq) and §5.7.6.8 (device operation: request types).
 *
 * <p>Every field comes from the guest and is checked; a bad one gives the error response the
 * specification names (invalid resource id, invalid parameter, ...) and changes nothing.
 */
final class GpuCommands {

  private GpuCommands() {}

  /** Executes one request (header at position 0) and returns the response bytes. */
  static byte[] execute(VirtioGpu gpu, ByteBuffer in) {
    if (in.limit() < HDR_SIZE) {
      return header(RESP_ERR_UNSPEC, in, 0);
    }
    int type = in.getInt(0);
    int need = HDR_SIZE + bodySize(type);
    if (in.limit() < need) {
      return header(type == CMD_GET_DISPLAY_INFO ? RESP_ERR_UNSPEC : RESP_ERR_INVALID_PARAMETER,
          in, 0);
    }
    switch (type) {
      case CMD_GET_DISPLAY_INFO:
        return displayInfo(gpu, in);
      case CMD_GET_EDID:
        return edid(gpu, in);
      case CMD_RESOURCE_CREATE_2D:
        return header(create2d(gpu, in), in, 0);
      case CMD_RESOURCE_UNREF:
        return header(unref(gpu, in), in, 0);
      case CMD_SET_SCANOUT:
        return header(setScanout(gpu, in), in, 0);
      case CMD_RESOURCE_FLUSH:
        return header(flush(gpu, in), in, 0);
      case CMD_TRANSFER_TO_HOST_2D:
        return header(transfer(gpu, in), in, 0);
      case CMD_RESOURCE_ATTACH_BACKING:
        return header(attachBacking(gpu, in), in, 0);
      case CMD_RESOURCE_DETACH_BACKING:
        return header(detachBacking(gpu, in), in, 0);
      default:
        // 3D, capsets, blobs and UUIDs are not offered, so a driver that sends them is wrong.
        return header(RESP_ERR_UNSPEC, in, 0);
    }
  }

  /** Bytes after the header each request carries (attach's entries are checked later). */
  private static int bodySize(int type) {
    switch (type) {
      case CMD_RESOURCE_CREATE_2D:
        return 16;
      case CMD_RESOURCE_UNREF:
      case CMD_RESOURCE_DETACH_BACKING:
      case CMD_RESOURCE_ATTACH_BACKING:
      case CMD_GET_EDID:
        return 8;
      case CMD_SET_SCANOUT:
      case CMD_RESOURCE_FLUSH:
        return 24;
      case CMD_TRANSFER_TO_HOST_2D:
        return 32;
      default:
        return 0;
    }
  }

  /**
   * A response of {@code HDR_SIZE + extra} bytes with the header filled: the type, and the fence
   * (flag, fence id, context, ring index) echoed from the request when it asked for one.
   */
  private static byte[] header(int type, ByteBuffer in, int extra) {
    byte[] out = new byte[HDR_SIZE + extra];
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, type);
    if (in.limit() >= HDR_SIZE && (in.getInt(4) & FLAG_FENCE) != 0) {
      b.putInt(4, in.getInt(4));
      b.putLong(8, in.getLong(8));
      b.putInt(16, in.getInt(16));
      b.put(20, in.get(20));
    }
    return out;
  }

  /** struct virtio_gpu_resp_display_info: 16 x {rect, enabled, flags}; only scanout 0 is on. */
  private static byte[] displayInfo(VirtioGpu gpu, ByteBuffer in) {
    byte[] out = header(RESP_OK_DISPLAY_INFO, in, MAX_SCANOUTS * 24);
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(HDR_SIZE + 8, gpu.displayWidth);
    b.putInt(HDR_SIZE + 12, gpu.displayHeight);
    b.putInt(HDR_SIZE + 16, 1);
    return out;
  }

  /** struct virtio_gpu_resp_edid: size, padding, 1024 bytes of EDID. */
  private static byte[] edid(VirtioGpu gpu, ByteBuffer in) {
    if (in.getInt(HDR_SIZE) != 0) {
      return header(RESP_ERR_INVALID_SCANOUT_ID, in, 0);
    }
    byte[] blob = Edid.forSize(gpu.displayWidth, gpu.displayHeight);
    byte[] out = header(RESP_OK_EDID, in, 8 + 1024);
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(HDR_SIZE, blob.length);
    System.arraycopy(blob, 0, out, HDR_SIZE + 8, blob.length);
    return out;
  }

  /** resource_id, format, width, height. */
  private static int create2d(VirtioGpu gpu, ByteBuffer in) {
    int id = in.getInt(HDR_SIZE);
    int format = in.getInt(HDR_SIZE + 4);
    long width = in.getInt(HDR_SIZE + 8) & 0xFFFF_FFFFL;
    long height = in.getInt(HDR_SIZE + 12) & 0xFFFF_FFFFL;
    if (id == 0 || gpu.resources.containsKey(id)) {
      return RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (!knownFormat(format) || width == 0 || height == 0) {
      return RESP_ERR_INVALID_PARAMETER;
    }
    long bytes = 4 * width * height;
    if (width > 16384 || height > 16384 || gpu.resourceBytes + bytes > VirtioGpu.MAX_RESOURCE_BYTES) {
      return RESP_ERR_OUT_OF_MEMORY;
    }
    gpu.resources.put(id, new GpuResource(id, format, (int) width, (int) height));
    gpu.resourceBytes += bytes;
    return RESP_OK_NODATA;
  }

  private static int unref(VirtioGpu gpu, ByteBuffer in) {
    GpuResource res = gpu.resources.remove(in.getInt(HDR_SIZE));
    if (res == null) {
      return RESP_ERR_INVALID_RESOURCE_ID;
    }
    gpu.resourceBytes -= res.bytes();
    if (res.id == gpu.scanoutResource) {
      gpu.scanoutResource = 0;
      gpu.publishScanout();
    }
    return RESP_OK_NODATA;
  }

  /** rect (x, y, width, height), scanout_id, resource_id; resource 0 turns the scanout off. */
  private static int setScanout(VirtioGpu gpu, ByteBuffer in) {
    int x = in.getInt(HDR_SIZE);
    int y = in.getInt(HDR_SIZE + 4);
    int w = in.getInt(HDR_SIZE + 8);
    int h = in.getInt(HDR_SIZE + 12);
    int scanout = in.getInt(HDR_SIZE + 16);
    int id = in.getInt(HDR_SIZE + 20);
    if (scanout != 0) {
      return RESP_ERR_INVALID_SCANOUT_ID;
    }
    if (id == 0) {
      gpu.scanoutResource = 0;
      gpu.publishScanout();
      return RESP_OK_NODATA;
    }
    GpuResource res = gpu.resources.get(id);
    if (res == null) {
      return RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (w == 0 || h == 0 || !res.contains(x & 0xFFFF_FFFFL, y & 0xFFFF_FFFFL, w & 0xFFFF_FFFFL,
        h & 0xFFFF_FFFFL)) {
      return RESP_ERR_INVALID_PARAMETER;
    }
    gpu.scanoutResource = id;
    gpu.scanoutX = x;
    gpu.scanoutY = y;
    gpu.scanoutWidth = w;
    gpu.scanoutHeight = h;
    gpu.publishScanout();
    return RESP_OK_NODATA;
  }

  /** rect, resource_id: that part of the resource is ready to be shown. */
  private static int flush(VirtioGpu gpu, ByteBuffer in) {
    long x = in.getInt(HDR_SIZE) & 0xFFFF_FFFFL;
    long y = in.getInt(HDR_SIZE + 4) & 0xFFFF_FFFFL;
    long w = in.getInt(HDR_SIZE + 8) & 0xFFFF_FFFFL;
    long h = in.getInt(HDR_SIZE + 12) & 0xFFFF_FFFFL;
    GpuResource res = gpu.resources.get(in.getInt(HDR_SIZE + 16));
    if (res == null) {
      return RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (!res.contains(x, y, w, h)) {
      return RESP_ERR_INVALID_PARAMETER;
    }
    gpu.flushed(res.id, new Rect((int) x, (int) y, (int) w, (int) h));
    return RESP_OK_NODATA;
  }

  /** rect, offset (le64), resource_id: copy from the backing into the resource. */
  private static int transfer(VirtioGpu gpu, ByteBuffer in) {
    long x = in.getInt(HDR_SIZE) & 0xFFFF_FFFFL;
    long y = in.getInt(HDR_SIZE + 4) & 0xFFFF_FFFFL;
    long w = in.getInt(HDR_SIZE + 8) & 0xFFFF_FFFFL;
    long h = in.getInt(HDR_SIZE + 12) & 0xFFFF_FFFFL;
    long offset = in.getLong(HDR_SIZE + 16);
    GpuResource res = gpu.resources.get(in.getInt(HDR_SIZE + 24));
    if (res == null) {
      return RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (!res.hasBacking()) {
      return RESP_ERR_UNSPEC;
    }
    if (!res.contains(x, y, w, h)) {
      return RESP_ERR_INVALID_PARAMETER;
    }
    byte[] row = gpu.rowScratch((int) w * 4);
    if (res.id == gpu.scanoutResource) {
      // A consumer may be copying from this array: let it finish a whole frame first.
      synchronized (gpu.surface()) {
        res.transfer(gpu.ram(), (int) x, (int) y, (int) w, (int) h, offset, row);
      }
    } else {
      res.transfer(gpu.ram(), (int) x, (int) y, (int) w, (int) h, offset, row);
    }
    return RESP_OK_NODATA;
  }

  /** resource_id, nr_entries, then nr_entries x {addr (le64), length, padding}. */
  private static int attachBacking(VirtioGpu gpu, ByteBuffer in) {
    GpuResource res = gpu.resources.get(in.getInt(HDR_SIZE));
    long count = in.getInt(HDR_SIZE + 4) & 0xFFFF_FFFFL;
    if (res == null) {
      return RESP_ERR_INVALID_RESOURCE_ID;
    }
    if (count == 0 || count > VirtioGpu.MAX_BACKING_ENTRIES
        || in.limit() < HDR_SIZE + 8 + 16 * count || res.hasBacking()) {
      return RESP_ERR_UNSPEC;
    }
    GuestRam ram = gpu.ram();
    long[] addrs = new long[(int) count];
    int[] lens = new int[(int) count];
    for (int i = 0; i < count; i++) {
      int at = HDR_SIZE + 8 + 16 * i;
      addrs[i] = in.getLong(at);
      lens[i] = in.getInt(at + 8);
      if (!ram.contains(addrs[i], lens[i] & 0xFFFF_FFFFL)) {
        return RESP_ERR_UNSPEC;
      }
    }
    res.attach(addrs, lens);
    return RESP_OK_NODATA;
  }

  private static int detachBacking(VirtioGpu gpu, ByteBuffer in) {
    GpuResource res = gpu.resources.get(in.getInt(HDR_SIZE));
    if (res == null) {
      return RESP_ERR_INVALID_RESOURCE_ID;
    }
    res.detach();
    return RESP_OK_NODATA;
  }
}
