package dev.cairn.hw.display;

/**
 * The pointer image a guest asked the host to draw (virtio-gpu's hardware cursor).
 *
 * @param visible false when the guest hid the cursor (then {@code pixels} may be empty)
 * @param pixels {@code width * height} pixels, {@code 0xAARRGGBB} with real alpha; a copy
 * @param width image columns
 * @param height image rows
 * @param hotX column of the image that sits on the pointer position
 * @param hotY row of the image that sits on the pointer position
 * @param x pointer column on the surface
 * @param y pointer row on the surface
 */
public record Cursor(
    boolean visible, int[] pixels, int width, int height, int hotX, int hotY, int x, int y) {

  public static final Cursor HIDDEN = new Cursor(false, new int[0], 0, 0, 0, 0, 0, 0);

  /** The same image at another position. */
  public Cursor movedTo(int newX, int newY) {
    return new Cursor(visible, pixels, width, height, hotX, hotY, newX, newY);
  }
}
