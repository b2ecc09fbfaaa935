package dev.cairn.hw.virtio;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.virtio.TestDriver.Buf;
import dev.cairn.memory.GuestRam;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Drives a {@link VirtioGpu} through real rings: builds requests and reads responses. */
final class GpuTestDriver {

  final GuestRam ram = new GuestRam(TestDriver.RAM_BASE, TestDriver.RAM_SIZE);
  final RecordingIrq irq = new RecordingIrq();
  final DisplaySurface surface = new DisplaySurface();
  final VirtioGpu gpu;
  final VirtioMmio dev;
  final TestDriver control;
  final TestDriver cursor;

  GpuTestDriver(int width, int height) {
    gpu = new VirtioGpu(ram, surface, width, height);
    dev = new VirtioMmio(ram, irq, gpu);
    control = new TestDriver(ram, dev);
    cursor = new TestDriver(ram, dev, TestDriver.RAM_BASE + (8L << 20));
    if (!control.negotiate(control.deviceFeatures())) {
      throw new AssertionError("FEATURES_OK refused");
    }
    control.setupQueue(0, 64);
    cursor.setupQueue(1, 16);
    control.driverOk();
  }

  /** A request: header with {@code type} (and fence when {@code fence} is non-zero), then ints. */
  static ByteBuffer request(int type, long fence, int bodyBytes) {
    ByteBuffer b = ByteBuffer.allocate(GpuProtocol.HDR_SIZE + bodyBytes)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, type);
    if (fence != 0) {
      b.putInt(4, GpuProtocol.FLAG_FENCE);
      b.putLong(8, fence);
    }
    b.position(GpuProtocol.HDR_SIZE);
    return b;
  }

  /** Sends {@code req} on the control queue and returns the response (up to 2 KiB). */
  ByteBuffer send(ByteBuffer req) {
    byte[] bytes = req.array();
    long in = control.alloc(bytes.length, 8);
    ram.write(in, bytes, 0, bytes.length);
    long out = control.alloc(2048, 8);
    int before = control.usedIdx();
    control.submit(Buf.out(in, bytes.length), Buf.in(out, 2048));
    if (control.usedIdx() != before + 1) {
      throw new AssertionError("request not completed");
    }
    int len = control.usedLen(before);
    byte[] resp = new byte[len];
    ram.read(out, resp, 0, len);
    return ByteBuffer.wrap(resp).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Sends a request made of a header and {@code ints}; returns the response type. */
  int command(int type, int... ints) {
    ByteBuffer req = request(type, 0, 4 * ints.length);
    for (int v : ints) {
      req.putInt(v);
    }
    return send(req).getInt(0);
  }

  int create(int id, int format, int width, int height) {
    return command(GpuProtocol.CMD_RESOURCE_CREATE_2D, id, format, width, height);
  }

  /** Attaches backing in {@code pieces} separate, deliberately non-adjacent guest ranges. */
  long[] attach(int id, long bytes, int pieces) {
    long per = (bytes + pieces - 1) / pieces;
    ByteBuffer req = request(GpuProtocol.CMD_RESOURCE_ATTACH_BACKING, 0, 8 + 16 * pieces);
    req.putInt(id).putInt(pieces);
    long[] addrs = new long[pieces];
    for (int i = 0; i < pieces; i++) {
      control.alloc(4096, 4096); // a gap, so adjacent pieces are not contiguous
      addrs[i] = control.alloc(per, 4096);
      req.putLong(addrs[i]).putInt((int) per).putInt(0);
    }
    int type = send(req).getInt(0);
    if (type != GpuProtocol.RESP_OK_NODATA) {
      throw new AssertionError("attach failed: 0x" + Integer.toHexString(type));
    }
    return addrs;
  }

  int transfer(int id, int x, int y, int w, int h, long offset) {
    ByteBuffer req = request(GpuProtocol.CMD_TRANSFER_TO_HOST_2D, 0, 32);
    req.putInt(x).putInt(y).putInt(w).putInt(h).putLong(offset).putInt(id).putInt(0);
    return send(req).getInt(0);
  }

  int setScanout(int scanout, int id, int x, int y, int w, int h) {
    return command(GpuProtocol.CMD_SET_SCANOUT, x, y, w, h, scanout, id);
  }

  int flush(int id, int x, int y, int w, int h) {
    return command(GpuProtocol.CMD_RESOURCE_FLUSH, x, y, w, h, id, 0);
  }

  /** Sends a cursor-queue command: pos (scanout, x, y), resource, hot x, hot y. */
  void cursorCommand(int type, int x, int y, int id, int hotX, int hotY) {
    ByteBuffer req = request(type, 0, 32);
    req.putInt(0).putInt(x).putInt(y).putInt(0).putInt(id).putInt(hotX).putInt(hotY).putInt(0);
    byte[] bytes = req.array();
    long in = cursor.alloc(bytes.length, 8);
    ram.write(in, bytes, 0, bytes.length);
    int head = cursor.addChain(Buf.out(in, bytes.length));
    cursor.makeAvailable(head);
    cursor.kick(1);
  }

  /** Writes a pixel into a backing split in pieces, at byte {@code offset} of the backing. */
  void poke(long[] pieces, long perPiece, long offset, int littleEndianPixel) {
    int i = (int) (offset / perPiece);
    ram.writeInt(pieces[i] + offset % perPiece, littleEndianPixel);
  }
}
