package dev.cairn.hw.display;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The picture a display device shows: the current scanout as {@code 0xAARRGGBB} pixels, the parts
 * that changed since each consumer last looked, and the cursor.
 *
 * <p>Two sides, two threads. The <em>device</em> (vCPU thread) calls {@link #show}, {@link
 * #blank}, {@link #damage} and the cursor setters; it owns the pixel array and writes into it only
 * while holding this object's monitor ({@code synchronized (surface)}), so that consumers never
 * copy a half-written frame. <em>Consumers</em> (any other thread) {@link #subscribe} and copy
 * through their {@link DisplayView}, or take a whole {@link #snapshot()}.
 *
 * <p>Cost when nobody looks: {@link #damage} with no subscriber does nothing; with subscribers it
 * grows each view's dirty rectangle and calls a listener only when its view goes from clean to
 * dirty, so a guest that flushes 1000 times between two renders wakes the renderer once.
 */
public final class DisplaySurface {

  private final CopyOnWriteArrayList<DisplayView> views = new CopyOnWriteArrayList<>();

  // Guarded by this: the scanout's pixels are pixels[(originY + row) * stride + originX + col].
  private int[] pixels;
  private int stride;
  private int originX;
  private int originY;
  private int width;
  private int height;
  private volatile Cursor cursor = Cursor.HIDDEN;

  /** Surface width in pixels; 0 while blank. */
  public synchronized int width() {
    return width;
  }

  /** Surface height in pixels; 0 while blank. */
  public synchronized int height() {
    return height;
  }

  /** {@code [0, width) x [0, height)}, read atomically. */
  public synchronized Rect bounds() {
    return new Rect(0, 0, width, height);
  }

  /** The cursor as last set by the guest; {@link Cursor#HIDDEN} if none. */
  public Cursor cursor() {
    return cursor;
  }

  /**
   * Starts telling {@code listener} about changes. The new view starts all dirty, so its first
   * {@link DisplayView#copyDirty} copies the whole surface; if there is a picture, {@code
   * listener.damaged()} is called once at once, on the caller's thread, so that an event-driven
   * viewer makes that first copy. Thread-safe.
   */
  public DisplayView subscribe(DisplayListener listener) {
    DisplayView view = new DisplayView(this, listener);
    boolean picture;
    synchronized (this) {
      view.markAll(new Rect(0, 0, width, height));
      picture = width > 0 && height > 0;
    }
    views.add(view);
    if (picture) {
      // The view is dirty, so later damage will not wake the listener until it copies.
      listener.damaged();
    }
    return view;
  }

  void unsubscribe(DisplayView view) {
    views.remove(view);
  }

  /** Whether anyone is subscribed (devices may skip work no one would see). */
  public boolean hasViewers() {
    return !views.isEmpty();
  }

  /**
   * A copy of the whole surface, row by row ({@code width * height} pixels, with the size it had
   * when copied). For screenshots and thumbnails.
   */
  public synchronized Snapshot snapshot() {
    int[] copy = new int[width * height];
    copyRect(new Rect(0, 0, width, height), copy, width);
    return new Snapshot(width, height, copy);
  }

  /** A frozen picture of the surface. */
  public record Snapshot(int width, int height, int[] pixels) {

    /** The pixel at column {@code x}, row {@code y}. */
    public int pixel(int x, int y) {
      return pixels[y * width + x];
    }
  }

  // ---- the device's side (vCPU thread) ----

  /**
   * Shows {@code width x height} pixels of {@code source}, starting at ({@code originX}, {@code
   * originY}) of an image {@code stride} pixels wide. The array is used in place, not copied: the
   * device keeps writing into it (holding this object's monitor) and calls {@link #damage}.
   */
  public void show(int[] source, int stride, int originX, int originY, int width, int height) {
    if (width < 0 || height < 0 || originX < 0 || originY < 0 || originX + width > stride
        || (long) (originY + height) * stride > source.length) {
      throw new IllegalArgumentException("scanout " + width + "x" + height + "+" + originX + "+"
          + originY + " does not fit a " + stride + "-pixel-wide image of " + source.length);
    }
    boolean resized;
    synchronized (this) {
      resized = width != this.width || height != this.height;
      this.pixels = source;
      this.stride = stride;
      this.originX = originX;
      this.originY = originY;
      this.width = width;
      this.height = height;
      for (DisplayView view : views) {
        view.markAll(new Rect(0, 0, width, height));
      }
    }
    announce(resized, width, height);
  }

  /** Shows nothing (the guest disabled the scanout): the surface becomes 0x0. */
  public void blank() {
    boolean resized;
    synchronized (this) {
      resized = width != 0 || height != 0;
      pixels = null;
      width = 0;
      height = 0;
      for (DisplayView view : views) {
        view.markAll(Rect.EMPTY);
      }
    }
    announce(resized, 0, 0);
  }

  private void announce(boolean resized, int width, int height) {
    for (DisplayView view : views) {
      if (resized) {
        view.listener().resized(width, height);
      }
      view.listener().damaged();
    }
  }

  /** The guest says {@code area} (surface coordinates, clipped here) has new pixels. */
  public void damage(Rect area) {
    if (views.isEmpty()) {
      return;
    }
    Rect clipped;
    synchronized (this) {
      clipped = area.intersect(new Rect(0, 0, width, height));
    }
    if (clipped.isEmpty()) {
      return;
    }
    for (DisplayView view : views) {
      if (view.addDirty(clipped)) {
        view.listener().damaged();
      }
    }
  }

  /** Sets the cursor image and position (or hides it with {@link Cursor#HIDDEN}). */
  public void setCursor(Cursor next) {
    cursor = next;
    for (DisplayView view : views) {
      view.listener().cursorChanged();
    }
  }

  /** Moves the cursor, keeping its image. */
  public void moveCursor(int x, int y) {
    setCursor(cursor.movedTo(x, y));
  }

  // ---- the consumer's side ----

  /**
   * Copies {@code area} (inside the surface) into {@code dst}, a {@code dstWidth}-wide image of
   * the surface's size. Called with this object's monitor held.
   */
  void copyRect(Rect area, int[] dst, int dstWidth) {
    for (int row = 0; row < area.height(); row++) {
      int y = area.y() + row;
      System.arraycopy(pixels, (originY + y) * stride + originX + area.x(), dst,
          y * dstWidth + area.x(), area.width());
    }
  }
}
