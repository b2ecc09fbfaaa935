package dev.cairn.hw.display;

/**
 * A pixel rectangle {@code [x, x + width) x [y, y + height)}; empty when width or height is 0.
 *
 * @param x left column
 * @param y top row
 * @param width columns, at least 0
 * @param height rows, at least 0
 */
public record Rect(int x, int y, int width, int height) {

  public static final Rect EMPTY = new Rect(0, 0, 0, 0);

  public Rect {
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("negative rectangle size " + width + "x" + height);
    }
  }

  public boolean isEmpty() {
    return width == 0 || height == 0;
  }

  /** The smallest rectangle holding both. */
  public Rect union(Rect other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    int left = Math.min(x, other.x);
    int top = Math.min(y, other.y);
    int right = Math.max(x + width, other.x + other.width);
    int bottom = Math.max(y + height, other.y + other.height);
    return new Rect(left, top, right - left, bottom - top);
  }

  /** The part of this rectangle inside {@code other}; {@link #EMPTY} if they do not meet. */
  public Rect intersect(Rect other) {
    long left = Math.max(x, other.x);
    long top = Math.max(y, other.y);
    long right = Math.min((long) x + width, (long) other.x + other.width);
    long bottom = Math.min((long) y + height, (long) other.y + other.height);
    if (right <= left || bottom <= top) {
      return EMPTY;
    }
    return new Rect((int) left, (int) top, (int) (right - left), (int) (bottom - top));
  }

  /** Whether {@code other} lies entirely inside this rectangle. */
  public boolean contains(Rect other) {
    return other.x >= x && other.y >= y
        && (long) other.x + other.width <= (long) x + width
        && (long) other.y + other.height <= (long) y + height;
  }
}
