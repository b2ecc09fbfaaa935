package dev.cairn.hw.input;

/**
 * What a user does with keyboard and pointer, as the guest should see it. Implementations are
 * thread-safe: the GUI's thread and monitor sessions call in; the machine hands the events to
 * its input devices on the vCPU thread. Events for a device the VM lacks are dropped.
 */
public interface InputEvents {

  /** A key went down or up; {@code linuxCode} is a Linux {@code KEY_*} code ({@link LinuxInput}). */
  void key(int linuxCode, boolean pressed);

  /**
   * The pointer is at ({@code x}, {@code y}) of a {@code width x height} screen (normally the
   * display surface's size); the tablet scales this to its absolute range.
   */
  void pointer(int x, int y, int width, int height);

  /** A mouse button ({@link LinuxInput#BTN_LEFT}, ...) went down or up. */
  void button(int linuxButton, boolean pressed);

  /** The wheel turned {@code steps} notches; positive is away from the user (scroll up). */
  void wheel(int steps);

  /** Drops everything. */
  InputEvents NONE = new InputEvents() {
    @Override
    public void key(int linuxCode, boolean pressed) {}

    @Override
    public void pointer(int x, int y, int width, int height) {}

    @Override
    public void button(int linuxButton, boolean pressed) {}

    @Override
    public void wheel(int steps) {}
  };
}
