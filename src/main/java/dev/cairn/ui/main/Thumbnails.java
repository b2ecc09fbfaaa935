package dev.cairn.ui.main;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.ui.runtime.VmInstance;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** The library's live screen thumbnails: a nearest-neighbour shrink of the display surface. */
final class Thumbnails {

  static final int WIDTH = 64;
  static final int HEIGHT = 44;

  private Thumbnails() {}

  /** Updates {@code entry}'s thumbnail from its running VM's screen (FX thread, once a second). */
  static void refresh(VmEntry entry) {
    VmInstance vm = entry.instance().get();
    if (vm == null || entry.isOff()) {
      return;
    }
    DisplaySurface surface = vm.machine().display().orElse(null);
    if (surface == null) {
      return;
    }
    DisplaySurface.Snapshot frame = surface.snapshot();
    if (frame.width() == 0 || frame.height() == 0) {
      return;
    }
    int[] small = shrink(frame, WIDTH, HEIGHT);
    WritableImage image = new WritableImage(WIDTH, HEIGHT);
    image.getPixelWriter().setPixels(0, 0, WIDTH, HEIGHT, PixelFormat.getIntArgbInstance(), small,
        0, WIDTH);
    entry.thumbnail().set(image);
  }

  /** Samples {@code frame} at {@code w x h} points, opaque. */
  static int[] shrink(DisplaySurface.Snapshot frame, int w, int h) {
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      int sy = (int) ((long) y * frame.height() / h);
      for (int x = 0; x < w; x++) {
        int sx = (int) ((long) x * frame.width() / w);
        out[y * w + x] = frame.pixel(sx, sy) | 0xff000000;
      }
    }
    return out;
  }
}
