/**
 * The display surface API: what a display device (virtio-gpu) shows, for whoever looks at it (the
 * GUI, {@code screendump}, thumbnails). No JavaFX and no AWT here.
 *
 * <p>A {@link dev.cairn.hw.display.DisplaySurface} is the current scanout as 32-bit pixels
 * ({@code 0xAARRGGBB}; alpha is 0xFF unless the guest picked a format with alpha) plus a cursor. The device draws into it on the vCPU
 * thread; a consumer {@linkplain dev.cairn.hw.display.DisplaySurface#subscribe subscribes} and is
 * told that something changed, then copies only the changed rectangle from its own
 * {@link dev.cairn.hw.display.DisplayView} on its own thread. With no subscriber the device does
 * nothing per frame beyond what the guest asks of it.
 */
package dev.cairn.hw.display;
