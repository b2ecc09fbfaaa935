package dev.cairn.hw.virtio;

import static dev.cairn.hw.virtio.GpuProtocol.*;

import dev.cairn.hw.display.Cursor;
import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.display.Rect;
import dev.cairn.memory.GuestRam;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * virtio-gpu in 2D mode with one scanout, shown on a {@link DisplaySurface}. Reference: virtio
 * 1.2 §5.7 (GPU device): queues (§5.7.2), feature bits (§5.7.3), configuration (§5.7.4), device
 * operation (§5.7.6).
 *
 * <p>The guest draws into guest RAM, copies rectangles into host resources with
 * TRANSFER_TO_HOST_2D and says which part of the scanout changed with RESOURCE_FLUSH; only
 * flushes reach the surface, so a guest that draws while nobody looks costs the copy it asked for
 * and nothing more. Commands complete before the QueueNotify write returns.
 */
public final class VirtioGpu implements VirtioDevice {

  public static final int DEVICE_ID = 16;
  public static final int DEFAULT_WIDTH = 1024;
  public static final int DEFAULT_HEIGHT = 768;
  /** Largest display offered: 4K UHD (the EDID timing allows up to 4095 per side). */
  public static final int MAX_WIDTH = 3840;
  public static final int MAX_HEIGHT = 2160;
  /**
   * Host memory the guest may claim for resources. QEMU allows 256 MiB; here all of it must fit
   * one saved-state payload (64 MiB), and 60 MiB still holds a double-buffered 4K scanout.
   */
  static final long MAX_RESOURCE_BYTES = 60L << 20;
  /** Most backing entries in one ATTACH_BACKING, as QEMU allows. */
  static final int MAX_BACKING_ENTRIES = 16384;
  static final int CONTROL_QUEUE = 0;
  static final int CURSOR_QUEUE = 1;
  static final int CONFIG_SIZE = 16;

  private final GuestRam ram;
  private final DisplaySurface surface;
  private VirtioDevice.Transport transport;
  private byte[] rowScratch = new byte[4 * DEFAULT_WIDTH];

  // ---- guest-visible state (saved by VirtioGpuState) ----
  /** The display size offered in GET_DISPLAY_INFO and the EDID; the user may change it. */
  int displayWidth;
  int displayHeight;
  int eventsRead;
  final Map<Integer, GpuResource> resources = new TreeMap<>();
  long resourceBytes;
  /** Resource shown on scanout 0 (0: none) and the part of it shown. */
  int scanoutResource;
  int scanoutX;
  int scanoutY;
  int scanoutWidth;
  int scanoutHeight;
  /** Cursor: resource copied at UPDATE_CURSOR (0: hidden), hotspot and position. */
  int cursorResource;
  int cursorHotX;
  int cursorHotY;
  int cursorX;
  int cursorY;
  int[] cursorPixels = new int[0];
  int cursorWidth;
  int cursorHeight;
  /** Resource arrays between a state load and its postLoad; null otherwise. */
  VirtioGpuState.Loading loading;

  /**
   * @param ram guest memory holding the backing pages
   * @param surface where scanout 0 is shown
   * @param width initial display width offered to the guest (16 to {@link #MAX_WIDTH})
   * @param height initial display height offered to the guest (16 to {@link #MAX_HEIGHT})
   */
  public VirtioGpu(GuestRam ram, DisplaySurface surface, int width, int height) {
    checkSize(width, height);
    this.ram = ram;
    this.surface = surface;
    this.displayWidth = width;
    this.displayHeight = height;
  }

  /**
   * Checks a display size the gpu could offer.
   *
   * @throws IllegalArgumentException naming the size and the allowed range
   */
  public static void checkSize(int width, int height) {
    if (width < 16 || height < 16 || width > MAX_WIDTH || height > MAX_HEIGHT) {
      throw new IllegalArgumentException("display size " + width + "x" + height
          + " is outside 16x16 to " + MAX_WIDTH + "x" + MAX_HEIGHT);
    }
  }

  public DisplaySurface surface() {
    return surface;
  }

  public int displayWidth() {
    return displayWidth;
  }

  public int displayHeight() {
    return displayHeight;
  }

  /**
   * Offers the guest a new display size (a window resized by the user): sets the display event
   * and interrupts; the guest re-reads GET_DISPLAY_INFO and may switch modes. vCPU thread only.
   */
  public void requestDisplaySize(int width, int height) {
    checkSize(width, height);
    displayWidth = width;
    displayHeight = height;
    eventsRead |= VIRTIO_GPU_EVENT_DISPLAY;
    transport.configChanged();
  }

  @Override
  public int deviceId() {
    return DEVICE_ID;
  }

  @Override
  public long features() {
    return 1L << VIRTIO_GPU_F_EDID;
  }

  @Override
  public int queueCount() {
    return 2;
  }

  @Override
  public int queueMaxSize(int queue) {
    return queue == CONTROL_QUEUE ? 256 : 16;
  }

  @Override
  public int configSize() {
    return CONFIG_SIZE;
  }

  /** struct virtio_gpu_config: events_read, events_clear, num_scanouts, num_capsets. */
  @Override
  public long readConfig(int offset, int size) {
    int[] words = {eventsRead, 0, 1, 0};
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      int at = offset + i;
      value = (value << 8) | ((words[at >> 2] >>> (8 * (at & 3))) & 0xFF);
    }
    return value;
  }

  /** Only events_clear is writable: each 1 bit clears that bit of events_read (§5.7.4). */
  @Override
  public void writeConfig(int offset, int size, long value) {
    if (offset == 4 && size == 4) {
      eventsRead &= ~(int) value;
    }
  }

  @Override
  public void attach(VirtioDevice.Transport transport) {
    this.transport = transport;
  }

  /** Driver reset: every resource goes, the scanout goes blank, the cursor hides. */
  @Override
  public void reset() {
    resources.clear();
    resourceBytes = 0;
    eventsRead = 0;
    scanoutResource = 0;
    scanoutX = scanoutY = scanoutWidth = scanoutHeight = 0;
    cursorResource = 0;
    cursorPixels = new int[0];
    cursorWidth = cursorHeight = cursorHotX = cursorHotY = cursorX = cursorY = 0;
    surface.blank();
    surface.setCursor(Cursor.HIDDEN);
  }

  @Override
  public void queueNotified(int queue, Virtqueue q) {
    boolean used = false;
    Virtqueue.Chain chain;
    while ((chain = q.pop()) != null) {
      byte[] request = new byte[(int) Math.min(chain.readableLength(),
          HDR_SIZE + 8L + 16L * MAX_BACKING_ENTRIES)];
      chain.gather(0, request, 0, request.length);
      ByteBuffer in = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
      if (queue == CURSOR_QUEUE) {
        cursorCommand(in);
        q.push(chain, 0);
      } else {
        byte[] response = GpuCommands.execute(this, in);
        q.push(chain, chain.scatter(0, response, 0, response.length));
      }
      used = true;
    }
    if (used || q.broken()) {
      transport.notifyUsed(q);
    }
  }

  private void cursorCommand(ByteBuffer in) {
    if (in.limit() < HDR_SIZE + 28) {
      return;
    }
    int type = in.getInt(0);
    int scanout = in.getInt(HDR_SIZE);
    if (scanout != 0) {
      return;
    }
    cursorX = in.getInt(HDR_SIZE + 4);
    cursorY = in.getInt(HDR_SIZE + 8);
    if (type == CMD_UPDATE_CURSOR) {
      cursorResource = in.getInt(HDR_SIZE + 16);
      cursorHotX = in.getInt(HDR_SIZE + 20);
      cursorHotY = in.getInt(HDR_SIZE + 24);
      GpuResource image = resources.get(cursorResource);
      if (image == null) {
        cursorResource = 0;
        cursorPixels = new int[0];
        cursorWidth = cursorHeight = 0;
      } else {
        cursorPixels = image.pixels.clone();
        cursorWidth = image.width;
        cursorHeight = image.height;
      }
      publishCursor();
    } else if (type == CMD_MOVE_CURSOR) {
      surface.moveCursor(cursorX, cursorY);
    }
  }

  void publishCursor() {
    surface.setCursor(cursorResource == 0 ? Cursor.HIDDEN
        : new Cursor(true, cursorPixels.clone(), cursorWidth, cursorHeight, cursorHotX,
            cursorHotY, cursorX, cursorY));
  }

  // ---- used by GpuCommands (vCPU thread) ----

  GuestRam ram() {
    return ram;
  }

  byte[] rowScratch(int bytes) {
    if (rowScratch.length < bytes) {
      rowScratch = new byte[bytes];
    }
    return rowScratch;
  }

  /** Shows the scanout fields on the surface (after SET_SCANOUT, UNREF or a restore). */
  void publishScanout() {
    GpuResource res = resources.get(scanoutResource);
    if (res == null) {
      scanoutResource = 0;
      surface.blank();
    } else {
      surface.show(res.pixels, res.width, scanoutX, scanoutY, scanoutWidth, scanoutHeight);
    }
  }

  /** RESOURCE_FLUSH of {@code area} (resource coordinates) of resource {@code id}. */
  void flushed(int id, Rect area) {
    if (id != scanoutResource || scanoutResource == 0) {
      return;
    }
    Rect visible = area.intersect(new Rect(scanoutX, scanoutY, scanoutWidth, scanoutHeight));
    if (!visible.isEmpty()) {
      surface.damage(new Rect(visible.x() - scanoutX, visible.y() - scanoutY, visible.width(),
          visible.height()));
    }
  }
}
