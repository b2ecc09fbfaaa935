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
 * <p>Only the copy of the screen happens in the pause; shrinking (an average over each block of
 * source pixels, so text consoles stay legible as grey texture rather than random dots) and PNG
 * encoding happen when the file is written, after the guest runs again.
 */
final class ScreenThumbnail {

  /** The longest side of a thumbnail, in pixels. */
  static final int MAX_SIDE = 160;

  private final DisplaySurface.Snapshot frame;

  private ScreenThumbnail(DisplaySurface.Snapshot frame) {
    this.frame = frame;
  }

  /**
   * A copy of the current screen of {@code machine}; null when the machine has no display or the
   * guest has not set a mode.
   */
  static ScreenThumbnail capture(Machine machine) {
    DisplaySurface surface = machine.display().orElse(null);
    if (surface == null) {
      return null;
    }
    DisplaySurface.Snapshot frame = surface.snapshot();
    return frame.width() == 0 || frame.height() == 0 ? null : new ScreenThumbnail(frame);
  }

  /** Writes the screen, shrunk to at most {@value #MAX_SIDE} pixels a side keeping its shape. */
  void writePng(OutputStream out) throws IOException {
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(frame.width(), frame.height()));
    int w = Math.max(1, (int) Math.round(frame.width() * scale));
    int h = Math.max(1, (int) Math.round(frame.height() * scale));
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      int y0 = (int) ((long) y * frame.height() / h);
      int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * frame.height() / h));
      for (int x = 0; x < w; x++) {
        int x0 = (int) ((long) x * frame.width() / w);
        int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * frame.width() / w));
        image.setRGB(x, y, average(x0, x1, y0, y1));
      }
    }
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer in this Java runtime");
    }
  }

  /** The mean colour of the source pixels {@code [x0, x1) x [y0, y1)}. */
  private int average(int x0, int x1, int y0, int y1) {
    long r = 0;
    long g = 0;
    long b = 0;
    for (int sy = y0; sy < y1; sy++) {
      for (int sx = x0; sx < x1; sx++) {
        int p = frame.pixel(sx, sy);
        r += (p >> 16) & 0xff;
        g += (p >> 8) & 0xff;
        b += p & 0xff;
      }
    }
    long n = (long) (x1 - x0) * (y1 - y0);
    return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
  }
}
