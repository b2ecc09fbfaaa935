package dev.cairn.migration.snapshot;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.machine.Machine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * A small picture of the guest's screen at a snapshot's pause, stored as PNG beside the snapshot
 * so a snapshot list can show what the VM looked like.
 *
 * <p>Captured while the guest is paused (a nearest-neighbour shrink, a few thousand reads), and
 * encoded afterwards, so it adds next to nothing to the pause.
 */
final class ScreenThumbnail {

  /** The longest side of a thumbnail, in pixels. */
  static final int MAX_SIDE = 160;

  private final int width;
  private final int height;
  private final int[] pixels;

  private ScreenThumbnail(int width, int height, int[] pixels) {
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  /**
   * The current screen of {@code machine}, shrunk to at most {@value #MAX_SIDE} pixels a side
   * keeping its aspect; null when the machine has no display or the guest has not set a mode.
   */
  static ScreenThumbnail capture(Machine machine) {
    DisplaySurface surface = machine.display().orElse(null);
    if (surface == null) {
      return null;
    }
    DisplaySurface.Snapshot frame = surface.snapshot();
    if (frame.width() == 0 || frame.height() == 0) {
      return null;
    }
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(frame.width(), frame.height()));
    int w = Math.max(1, (int) Math.round(frame.width() * scale));
    int h = Math.max(1, (int) Math.round(frame.height() * scale));
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      int sy = (int) ((long) y * frame.height() / h);
      for (int x = 0; x < w; x++) {
        int sx = (int) ((long) x * frame.width() / w);
        out[y * w + x] = frame.pixel(sx, sy) & 0xffffff;
      }
    }
    return new ScreenThumbnail(w, h, out);
  }

  /** Writes the picture as PNG. */
  void writePng(OutputStream out) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, width, height, pixels, 0, width);
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer in this Java runtime");
    }
  }
}
