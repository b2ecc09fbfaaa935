package dev.cairn.hw.display;

/**
 * Told when a {@link DisplaySurface} changes. Called on the thread that changed it (the vCPU
 * thread), so implementations must return at once: note the change, wake a renderer, and copy
 * pixels later through {@link DisplayView#copyDirty}. Never call back into the machine from here.
 */
public interface DisplayListener {

  /** Pixels changed; {@link DisplayView#copyDirty} returns where. */
  void damaged();

  /** The surface has a new size (or went blank: 0x0); the next copy is the whole surface. */
  default void resized(int width, int height) {}

  /** The cursor image, hotspot, position or visibility changed ({@link DisplaySurface#cursor}). */
  default void cursorChanged() {}
}
