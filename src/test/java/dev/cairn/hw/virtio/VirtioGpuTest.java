package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.GpuProtocol.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.hw.display.Cursor;
import dev.cairn.hw.display.DisplayListener;
import dev.cairn.hw.display.DisplayView;
import dev.cairn.hw.display.Rect;
import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** virtio-gpu 2D driven through real rings, checked against virtio 1.2 §5.7. */
class VirtioGpuTest {

  private static final int W = 64;
  private static final int H = 48;

  /** Creates resource 1 (W x H, B8G8R8X8) with backing in 3 pieces and shows it. */
  private static long[] showResource(GpuTestDriver d) {
    assertEquals(RESP_OK_NODATA, d.create(1, FORMAT_B8G8R8X8, W, H));
    long[] pieces = d.attach(1, 4L * W * H, 3);
    assertEquals(RESP_OK_NODATA, d.setScanout(0, 1, 0, 0, W, H));
    return pieces;
  }

  private static long perPiece() {
    return (4L * W * H + 2) / 3;
  }

  @Test
  void deviceIdFeaturesAndConfigurationSpaceAreThoseOfTheSpecification() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    assertEquals(16, d.control.reg(VirtioMmio.DEVICE_ID));
    assertEquals(2, d.control.reg(VirtioMmio.VERSION));
    assertTrue((d.control.deviceFeatures() & (1L << VIRTIO_GPU_F_EDID)) != 0);
    assertEquals(0, d.dev.read(VirtioMmio.CONFIG, 4)); // events_read
    assertEquals(1, d.dev.read(VirtioMmio.CONFIG + 8, 4)); // num_scanouts
    assertEquals(0, d.dev.read(VirtioMmio.CONFIG + 12, 4)); // num_capsets
  }

  @Test
  void getDisplayInfoReportsTheConfiguredSizeOnScanoutZeroOnly() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    ByteBuffer r = d.send(GpuTestDriver.request(CMD_GET_DISPLAY_INFO, 0, 0));
    assertEquals(RESP_OK_DISPLAY_INFO, r.getInt(0));
    assertEquals(HDR_SIZE + 16 * 24, r.limit());
    assertEquals(0, r.getInt(HDR_SIZE));
    assertEquals(0, r.getInt(HDR_SIZE + 4));
    assertEquals(1024, r.getInt(HDR_SIZE + 8));
    assertEquals(768, r.getInt(HDR_SIZE + 12));
    assertEquals(1, r.getInt(HDR_SIZE + 16)); // enabled
    assertEquals(0, r.getInt(HDR_SIZE + 24 + 16)); // scanout 1 disabled
  }

  @Test
  void aFencedRequestGetsItsFenceEchoed() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    ByteBuffer r = d.send(GpuTestDriver.request(CMD_GET_DISPLAY_INFO, 0x1234_5678_9AL, 0));
    assertEquals(FLAG_FENCE, r.getInt(4) & FLAG_FENCE);
    assertEquals(0x1234_5678_9AL, r.getLong(8));
  }

  @Test
  void getEdidIsAValidEdidWhosePreferredModeIsTheDisplaySize() {
    GpuTestDriver d = new GpuTestDriver(1280, 800);
    ByteBuffer r = d.send(GpuTestDriver.request(CMD_GET_EDID, 0, 8).putInt(0).putInt(0));
    assertEquals(RESP_OK_EDID, r.getInt(0));
    assertEquals(128, r.getInt(HDR_SIZE));
    byte[] edid = new byte[128];
    r.get(HDR_SIZE + 8, edid);
    assertArrayEquals(new byte[] {0, -1, -1, -1, -1, -1, -1, 0}, java.util.Arrays.copyOf(edid, 8));
    int sum = 0;
    for (byte b : edid) {
      sum += b & 0xFF;
    }
    assertEquals(0, sum & 0xFF, "checksum");
    int hActive = (edid[56] & 0xFF) | ((edid[58] & 0xF0) << 4);
    int vActive = (edid[59] & 0xFF) | ((edid[61] & 0xF0) << 4);
    assertEquals(1280, hActive);
    assertEquals(800, vActive);
    ByteBuffer bad = d.send(GpuTestDriver.request(CMD_GET_EDID, 0, 8).putInt(3).putInt(0));
    assertEquals(RESP_ERR_INVALID_SCANOUT_ID, bad.getInt(0));
  }

  @Test
  void transferAndFlushShowGuestPixelsOnTheSurfaceAndReportTheDirtyRectangle() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    AtomicInteger wakes = new AtomicInteger();
    DisplayView view = d.surface.subscribe(wakes::incrementAndGet);
    long[] pieces = showResource(d);
    int[] frame = new int[W * H];
    assertEquals(new Rect(0, 0, W, H), view.copyDirty(frame, W, H));

    // B8G8R8X8: bytes B, G, R, X in memory. Pixel (10, 20) red, (63, 47) blue, across pieces.
    d.poke(pieces, perPiece(), 4L * (20 * W + 10), 0x00FF_0000);
    d.poke(pieces, perPiece(), 4L * (47 * W + 63), 0x0000_00FF);
    int before = wakes.get();
    assertEquals(RESP_OK_NODATA, d.transfer(1, 0, 0, W, H, 0));
    assertEquals(before, wakes.get(), "a transfer alone changes nothing on screen");
    assertEquals(RESP_OK_NODATA, d.flush(1, 8, 18, 4, 4));
    assertEquals(RESP_OK_NODATA, d.flush(1, 60, 40, 4, 8));
    assertEquals(before + 1, wakes.get(), "two flushes before a copy wake the viewer once");

    assertEquals(new Rect(8, 18, 56, 30), view.copyDirty(frame, W, H));
    assertEquals(0xFFFF_0000, frame[20 * W + 10]);
    assertEquals(0xFF00_00FF, frame[47 * W + 63]);
    assertEquals(0, frame[0], "outside the flushed rectangles nothing is copied");
    assertEquals(0xFF00_0000, d.surface.snapshot().pixel(0, 0), "though it was transferred");
    assertEquals(Rect.EMPTY, view.copyDirty(frame, W, H));
    assertNull(view.copyDirty(new int[4], 2, 2), "a wrong-sized destination is refused");
    assertEquals(0xFFFF_0000, d.surface.snapshot().pixel(10, 20));
  }

  @Test
  void aPartialTransferReadsRowsAtOffsetPlusStrideAsQemuDoes() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    long[] pieces = showResource(d);
    // The rectangle (5, 7) 3x2: Linux sends offset = y * stride + x * 4.
    long offset = 4L * (7 * W + 5);
    d.poke(pieces, perPiece(), offset, 0x0011_2233);
    d.poke(pieces, perPiece(), offset + 4L * W + 8, 0x0044_5566);
    d.poke(pieces, perPiece(), 4L * (7 * W + 9), 0x00FF_FFFF); // outside the rectangle
    assertEquals(RESP_OK_NODATA, d.transfer(1, 5, 7, 3, 2, offset));
    assertEquals(RESP_OK_NODATA, d.flush(1, 0, 0, W, H));
    DisplaySnapshotCheck s = new DisplaySnapshotCheck(d);
    assertEquals(0xFF11_2233, s.at(5, 7));
    assertEquals(0xFF44_5566, s.at(7, 8));
    assertEquals(0, s.at(9, 7) & 0xFFFFFF, "not transferred");
  }

  @Test
  void formatsWithOtherByteOrdersConvertToArgb() {
    assertEquals(0xFF11_2233, GpuProtocol.toArgb(FORMAT_B8G8R8X8, 0x0011_2233));
    assertEquals(0x8011_2233, GpuProtocol.toArgb(FORMAT_B8G8R8A8, 0x8011_2233));
    // X8R8G8B8: bytes X, R, G, B -> little-endian int 0xBBGGRRXX.
    assertEquals(0xFF11_2233, GpuProtocol.toArgb(FORMAT_X8R8G8B8, 0x3322_1100));
    // R8G8B8X8: bytes R, G, B, X -> 0xXXBBGGRR.
    assertEquals(0xFF11_2233, GpuProtocol.toArgb(FORMAT_R8G8B8X8, 0x0033_2211));
    // A8B8G8R8: bytes A, B, G, R -> 0xRRGGBBAA.
    assertEquals(0x8011_2233, GpuProtocol.toArgb(FORMAT_A8B8G8R8, 0x1122_3380));
  }

  @Test
  void badRequestsGetTheErrorTheSpecificationNamesAndChangeNothing() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    assertEquals(RESP_ERR_INVALID_RESOURCE_ID, d.create(0, FORMAT_B8G8R8X8, W, H));
    assertEquals(RESP_ERR_INVALID_PARAMETER, d.create(1, 999, W, H));
    assertEquals(RESP_ERR_INVALID_PARAMETER, d.create(1, FORMAT_B8G8R8X8, 0, H));
    assertEquals(RESP_ERR_OUT_OF_MEMORY, d.create(1, FORMAT_B8G8R8X8, 16384, 16384));
    assertEquals(RESP_OK_NODATA, d.create(1, FORMAT_B8G8R8X8, W, H));
    assertEquals(RESP_ERR_INVALID_RESOURCE_ID, d.create(1, FORMAT_B8G8R8X8, W, H));
    assertEquals(RESP_ERR_UNSPEC, d.transfer(1, 0, 0, W, H, 0), "no backing yet");
    d.attach(1, 4L * W * H, 2);
    assertEquals(RESP_ERR_INVALID_PARAMETER, d.transfer(1, 1, 0, W, H, 0));
    assertEquals(RESP_ERR_INVALID_RESOURCE_ID, d.transfer(7, 0, 0, 1, 1, 0));
    assertEquals(RESP_ERR_INVALID_SCANOUT_ID, d.setScanout(1, 1, 0, 0, W, H));
    assertEquals(RESP_ERR_INVALID_PARAMETER, d.setScanout(0, 1, 0, 0, W + 1, H));
    assertEquals(RESP_ERR_INVALID_RESOURCE_ID, d.setScanout(0, 9, 0, 0, W, H));
    assertEquals(RESP_ERR_INVALID_PARAMETER, d.flush(1, 0, 0, W, H + 1));
    assertEquals(RESP_ERR_INVALID_RESOURCE_ID, d.command(CMD_RESOURCE_UNREF, 5, 0));
    assertEquals(RESP_ERR_UNSPEC, d.command(0x0200)); // a 3D command: not offered
    assertEquals(RESP_ERR_INVALID_PARAMETER, d.command(CMD_RESOURCE_CREATE_2D, 2)); // short
    // Backing outside RAM is refused.
    assertEquals(RESP_OK_NODATA, d.create(2, FORMAT_B8G8R8X8, 4, 4));
    ByteBuffer req = GpuTestDriver.request(CMD_RESOURCE_ATTACH_BACKING, 0, 24);
    req.putInt(2).putInt(1).putLong(0x1000).putInt(64).putInt(0);
    assertEquals(RESP_ERR_UNSPEC, d.send(req).getInt(0));
    assertEquals(0, d.surface.width(), "nothing was shown");
    assertEquals(0, d.dev.status() & VirtioMmio.STATUS_DEVICE_NEEDS_RESET);
  }

  @Test
  void unrefOfTheShownResourceBlanksTheScreenAndDetachStopsTransfers() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    showResource(d);
    assertEquals(W, d.surface.width());
    assertEquals(RESP_OK_NODATA, d.command(CMD_RESOURCE_DETACH_BACKING, 1, 0));
    assertEquals(RESP_ERR_UNSPEC, d.transfer(1, 0, 0, W, H, 0));
    assertEquals(RESP_OK_NODATA, d.command(CMD_RESOURCE_UNREF, 1, 0));
    assertEquals(0, d.surface.width());
    assertEquals(0, d.gpu.resourceBytes);
  }

  @Test
  void aDisplaySizeRequestRaisesTheDisplayEventUntilTheDriverClearsIt() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    d.control.ackInterrupt();
    d.gpu.requestDisplaySize(800, 600);
    assertEquals(VIRTIO_GPU_EVENT_DISPLAY, d.dev.read(VirtioMmio.CONFIG, 4));
    assertEquals(VirtioMmio.INT_CONFIG_CHANGE, d.control.ackInterrupt());
    ByteBuffer r = d.send(GpuTestDriver.request(CMD_GET_DISPLAY_INFO, 0, 0));
    assertEquals(800, r.getInt(HDR_SIZE + 8));
    d.dev.write(VirtioMmio.CONFIG + 4, 4, VIRTIO_GPU_EVENT_DISPLAY); // events_clear
    assertEquals(0, d.dev.read(VirtioMmio.CONFIG, 4));
  }

  @Test
  void updateCursorCopiesTheResourceImageAndMoveCursorKeepsIt() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    AtomicInteger cursorChanges = new AtomicInteger();
    d.surface.subscribe(new DisplayListener() {
      @Override
      public void damaged() {}

      @Override
      public void cursorChanged() {
        cursorChanges.incrementAndGet();
      }
    });
    assertEquals(RESP_OK_NODATA, d.create(5, FORMAT_B8G8R8A8, 64, 64));
    long[] pieces = d.attach(5, 4L * 64 * 64, 1);
    d.ram.writeInt(pieces[0], 0x80FF_0000);
    assertEquals(RESP_OK_NODATA, d.transfer(5, 0, 0, 64, 64, 0));
    d.cursorCommand(CMD_UPDATE_CURSOR, 100, 200, 5, 3, 4);
    Cursor c = d.surface.cursor();
    assertTrue(c.visible());
    assertEquals(0x80FF_0000, c.pixels()[0]);
    assertEquals(64, c.width());
    assertEquals(3, c.hotX());
    assertEquals(200, c.y());
    d.cursorCommand(CMD_MOVE_CURSOR, 7, 8, 0, 0, 0);
    assertEquals(7, d.surface.cursor().x());
    assertEquals(3, d.surface.cursor().hotX());
    d.cursorCommand(CMD_UPDATE_CURSOR, 0, 0, 0, 0, 0);
    assertFalse(d.surface.cursor().visible());
    assertEquals(3, cursorChanges.get());
    assertEquals(3, d.cursor.usedIdx(), "cursor commands are returned");
  }

  @Test
  void savedStateRestoresTheScreenWithoutTheGuestDrawingAgain() throws Exception {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    long[] pieces = showResource(d);
    d.poke(pieces, perPiece(), 4L * (3 * W + 2), 0x00AB_CDEF);
    d.transfer(1, 0, 0, W, H, 0);
    d.flush(1, 0, 0, W, H);
    assertEquals(RESP_OK_NODATA, d.create(9, FORMAT_B8G8R8X8, 8, 8)); // a second resource
    byte[] saved = StateWriter.toBytes(VirtioGpuState.DESCRIPTION, d.gpu);

    GpuTestDriver fresh = new GpuTestDriver(1024, 768);
    AtomicInteger wakes = new AtomicInteger();
    DisplayView view = fresh.surface.subscribe(wakes::incrementAndGet);
    StateReader.fromBytes(VirtioGpuState.DESCRIPTION, fresh.gpu, saved,
        VirtioGpuState.DESCRIPTION.version());
    assertTrue(wakes.get() > 0, "the viewer hears about the restored picture");
    int[] frame = new int[W * H];
    assertEquals(new Rect(0, 0, W, H), view.copyDirty(frame, W, H));
    assertEquals(0xFFAB_CDEF, frame[3 * W + 2]);
    assertEquals(2, fresh.gpu.resources.size());
    assertEquals(d.gpu.resourceBytes, fresh.gpu.resourceBytes);
    // The restored backing still works: the guest can keep drawing.
    fresh.ram.writeInt(pieces[0], 0x0012_3456);
    assertEquals(RESP_OK_NODATA, fresh.transfer(1, 0, 0, W, H, 0));
    assertEquals(0xFF12_3456, fresh.surface.snapshot().pixel(0, 0));
  }

  @Test
  void aStreamWithAnUnknownFormatIsRefusedAndChangesNothing() {
    GpuTestDriver d = new GpuTestDriver(1024, 768);
    showResource(d);
    VirtioGpu victim = new GpuTestDriver(1024, 768).gpu;
    byte[] saved = StateWriter.toBytes(VirtioGpuState.DESCRIPTION, d.gpu);
    // Corrupt the format (the only resource is B8G8R8X8 = 2): find it after the ids array.
    d.gpu.resources.clear();
    GpuResource odd = new GpuResource(1, 77, W, H);
    d.gpu.resources.put(1, odd);
    byte[] bad = StateWriter.toBytes(VirtioGpuState.DESCRIPTION, d.gpu);
    assertNotEquals(saved.length, 0);
    assertThrows(dev.cairn.state.StateException.class, () -> StateReader.fromBytes(
        VirtioGpuState.DESCRIPTION, victim, bad, 1));
    assertTrue(victim.resources.isEmpty());
  }

  /** Reads the surface through a snapshot. */
  private record DisplaySnapshotCheck(GpuTestDriver d) {
    int at(int x, int y) {
      return d.surface.snapshot().pixel(x, y);
    }
  }
}
