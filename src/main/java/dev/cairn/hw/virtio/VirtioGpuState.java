package dev.cairn.hw.virtio;

import dev.cairn.state.StateDescription;
import java.util.Collection;

/**
 * The saved state of a {@link VirtioGpu}: the display size offered, pending events, every 2D
 * resource (its image and its backing list), the scanout and the cursor.
 *
 * <p>Reference: virtio 1.2 §5.7.4 (configuration), §5.7.6.8 (resources, scanout, cursor).
 *
 * <p>Resources are a variable set, so they are saved as parallel arrays (one element per
 * resource, in id order) plus one array of all their pixels, resource after resource; postLoad
 * rebuilds them and shows the scanout and cursor again, so the screen after a restore is the
 * screen at the save, without the guest drawing anything.
 */
public final class VirtioGpuState {

  /** Version 1. */
  public static final StateDescription<VirtioGpu> DESCRIPTION =
      StateDescription.builder("virtio-gpu", VirtioGpu.class)
          .version(1)
          .minimumVersion(1)
          .i32("displayWidth", g -> g.displayWidth, (g, v) -> g.displayWidth = v)
          .check((g, v) -> v >= 16 && v <= VirtioGpu.MAX_WIDTH, "16 to " + VirtioGpu.MAX_WIDTH)
          .i32("displayHeight", g -> g.displayHeight, (g, v) -> g.displayHeight = v)
          .check((g, v) -> v >= 16 && v <= VirtioGpu.MAX_HEIGHT, "16 to " + VirtioGpu.MAX_HEIGHT)
          .i32("eventsRead", g -> g.eventsRead, (g, v) -> g.eventsRead = v)
          .i32s("resourceIds", g -> ints(g, r -> r.id), (g, v) -> loading(g).ids = v)
          .i32s("resourceFormats", g -> ints(g, r -> r.format), (g, v) -> loading(g).formats = v)
          .checkElements((i, v) -> GpuProtocol.knownFormat((int) v), "a 32-bit virtio-gpu format")
          .i32s("resourceWidths", g -> ints(g, r -> r.width), (g, v) -> loading(g).widths = v)
          .i32s("resourceHeights", g -> ints(g, r -> r.height), (g, v) -> loading(g).heights = v)
          .i32s("backingCounts", g -> ints(g, r -> r.backingAddr.length),
              (g, v) -> loading(g).backingCounts = v)
          .i64s("backingAddrs", VirtioGpuState::backingAddrs, (g, v) -> loading(g).addrs = v)
          .i32s("backingLengths", VirtioGpuState::backingLengths, (g, v) -> loading(g).lens = v)
          .i32s("pixels", VirtioGpuState::pixels, (g, v) -> loading(g).pixels = v)
          .i32("scanoutResource", g -> g.scanoutResource, (g, v) -> g.scanoutResource = v)
          .i32("scanoutX", g -> g.scanoutX, (g, v) -> g.scanoutX = v)
          .i32("scanoutY", g -> g.scanoutY, (g, v) -> g.scanoutY = v)
          .i32("scanoutWidth", g -> g.scanoutWidth, (g, v) -> g.scanoutWidth = v)
          .i32("scanoutHeight", g -> g.scanoutHeight, (g, v) -> g.scanoutHeight = v)
          .i32("cursorResource", g -> g.cursorResource, (g, v) -> g.cursorResource = v)
          .i32("cursorHotX", g -> g.cursorHotX, (g, v) -> g.cursorHotX = v)
          .i32("cursorHotY", g -> g.cursorHotY, (g, v) -> g.cursorHotY = v)
          .i32("cursorX", g -> g.cursorX, (g, v) -> g.cursorX = v)
          .i32("cursorY", g -> g.cursorY, (g, v) -> g.cursorY = v)
          .i32("cursorWidth", g -> g.cursorWidth, (g, v) -> g.cursorWidth = v)
          .i32("cursorHeight", g -> g.cursorHeight, (g, v) -> g.cursorHeight = v)
          .i32s("cursorPixels", g -> g.cursorPixels, (g, v) -> g.cursorPixels = v)
          .postLoad((g, fromVersion) -> rebuild(g))
          .build();

  private VirtioGpuState() {}

  /** The resource arrays of a stream being loaded, until postLoad turns them into resources. */
  static final class Loading {
    int[] ids = new int[0];
    int[] formats = new int[0];
    int[] widths = new int[0];
    int[] heights = new int[0];
    int[] backingCounts = new int[0];
    long[] addrs = new long[0];
    int[] lens = new int[0];
    int[] pixels = new int[0];
  }

  private static Loading loading(VirtioGpu g) {
    if (g.loading == null) {
      g.loading = new Loading();
    }
    return g.loading;
  }

  private static int[] ints(VirtioGpu g, java.util.function.ToIntFunction<GpuResource> f) {
    return g.resources.values().stream().mapToInt(f).toArray();
  }

  private static long[] backingAddrs(VirtioGpu g) {
    return g.resources.values().stream()
        .flatMapToLong(r -> java.util.Arrays.stream(r.backingAddr)).toArray();
  }

  private static int[] backingLengths(VirtioGpu g) {
    return g.resources.values().stream()
        .flatMapToInt(r -> java.util.Arrays.stream(r.backingLen)).toArray();
  }

  private static int[] pixels(VirtioGpu g) {
    Collection<GpuResource> all = g.resources.values();
    int[] out = new int[all.stream().mapToInt(r -> r.pixels.length).sum()];
    int at = 0;
    for (GpuResource r : all) {
      System.arraycopy(r.pixels, 0, out, at, r.pixels.length);
      at += r.pixels.length;
    }
    return out;
  }

  /**
   * Turns the loaded arrays back into resources and shows scanout and cursor. Arrays that do not
   * fit together (only a hand-made stream has them, the CRC guards against damage) leave the
   * device without resources, as after a reset, rather than half-built.
   */
  private static void rebuild(VirtioGpu g) {
    Loading l = g.loading == null ? new Loading() : g.loading;
    g.loading = null;
    g.resources.clear();
    g.resourceBytes = 0;
    int n = l.ids.length;
    boolean fits = l.formats.length == n && l.widths.length == n && l.heights.length == n
        && l.backingCounts.length == n && l.addrs.length == l.lens.length;
    long pixelTotal = 0;
    long backingTotal = 0;
    for (int i = 0; fits && i < n; i++) {
      fits = l.widths[i] > 0 && l.heights[i] > 0 && l.backingCounts[i] >= 0;
      pixelTotal += (long) l.widths[i] * l.heights[i];
      backingTotal += l.backingCounts[i];
    }
    fits = fits && pixelTotal == l.pixels.length && backingTotal == l.addrs.length;
    if (fits) {
      int pixelAt = 0;
      int backingAt = 0;
      for (int i = 0; i < n; i++) {
        int size = l.widths[i] * l.heights[i];
        int[] image = java.util.Arrays.copyOfRange(l.pixels, pixelAt, pixelAt + size);
        pixelAt += size;
        GpuResource r = new GpuResource(l.ids[i], l.formats[i], l.widths[i], l.heights[i], image);
        int count = l.backingCounts[i];
        r.attach(java.util.Arrays.copyOfRange(l.addrs, backingAt, backingAt + count),
            java.util.Arrays.copyOfRange(l.lens, backingAt, backingAt + count));
        backingAt += count;
        g.resources.put(r.id, r);
        g.resourceBytes += r.bytes();
      }
    }
    GpuResource shown = g.resources.get(g.scanoutResource);
    if (shown == null || !shown.contains(g.scanoutX, g.scanoutY, g.scanoutWidth,
        g.scanoutHeight) || g.scanoutWidth == 0 || g.scanoutHeight == 0) {
      g.scanoutResource = 0;
    }
    if (g.cursorPixels.length != (long) g.cursorWidth * g.cursorHeight) {
      g.cursorResource = 0;
    }
    g.publishScanout();
    g.publishCursor();
  }
}
