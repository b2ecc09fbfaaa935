package dev.cairn.hw.display;

/**
 * One consumer's window on a {@link DisplaySurface}: the rectangle that changed since it last
 * copied. Obtained from {@link DisplaySurface#subscribe}; {@link #close()} ends the subscription.
 */
public final class DisplayView implements AutoCloseable {

  private final DisplaySurface surface;
  private final DisplayListener listener;
  // Guarded by this.
  private Rect dirty = Rect.EMPTY;

  DisplayView(DisplaySurface surface, DisplayListener listener) {
    this.surface = surface;
    this.listener = listener;
  }

  DisplayListener listener() {
    return listener;
  }

  synchronized void markAll(Rect all) {
    dirty = all;
  }

  /** Grows the dirty rectangle; returns true if it was clean (the listener should be woken). */
  synchronized boolean addDirty(Rect area) {
    boolean wasClean = dirty.isEmpty();
    dirty = dirty.union(area);
    return wasClean;
  }

  /**
   * Copies what changed since the last call into {@code dst}, which holds the whole surface as a
   * {@code dstWidth x dstHeight} image (row by row), and marks it seen. Only the changed
   * rectangle is copied.
   *
   * @return the rectangle copied ({@link Rect#EMPTY} if nothing changed), or null if the surface
   *     is no longer {@code dstWidth x dstHeight} (read {@link DisplaySurface#bounds()} again,
   *     reallocate, and call again: the dirty area is kept)
   */
  public Rect copyDirty(int[] dst, int dstWidth, int dstHeight) {
    if (dst.length < dstWidth * dstHeight) {
      throw new IllegalArgumentException(
          "destination holds " + dst.length + " pixels, not " + dstWidth + "x" + dstHeight);
    }
    synchronized (surface) {
      if (surface.width() != dstWidth || surface.height() != dstHeight) {
        return null;
      }
      Rect area;
      synchronized (this) {
        area = dirty;
        dirty = Rect.EMPTY;
      }
      if (!area.isEmpty()) {
        surface.copyRect(area, dst, dstWidth);
      }
      return area;
    }
  }

  /** Stops notifications to this view's listener. */
  @Override
  public void close() {
    surface.unsubscribe(this);
  }
}
