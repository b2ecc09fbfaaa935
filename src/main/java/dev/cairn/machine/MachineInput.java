package dev.cairn.machine;

import dev.cairn.hw.input.InputEvents;
import dev.cairn.hw.virtio.VirtioInput;
import java.util.function.Consumer;

/**
 * {@link InputEvents} for a machine: each event is posted to the vCPU thread and handed to the
 * virtio keyboard or tablet there; without the device (null) it is dropped.
 */
final class MachineInput implements InputEvents {

  private final Consumer<Runnable> post;
  private final VirtioInput keyboard;
  private final VirtioInput tablet;

  MachineInput(Consumer<Runnable> post, VirtioInput keyboard,
      VirtioInput tablet) {
    this.post = post;
    this.keyboard = keyboard;
    this.tablet = tablet;
  }

  @Override
  public void key(int linuxCode, boolean pressed) {
    post.accept(() -> {
      VirtioInput k = keyboard;
      if (k != null) {
        k.key(linuxCode, pressed);
      }
    });
  }

  @Override
  public void pointer(int x, int y, int width, int height) {
    if (width <= 0 || height <= 0) {
      return;
    }
    // Pixel centres map onto 0..ABS_MAX so the last column reaches the right edge.
    int ax = (int) ((long) x * VirtioInput.ABS_MAX / Math.max(1, width - 1));
    int ay = (int) ((long) y * VirtioInput.ABS_MAX / Math.max(1, height - 1));
    post.accept(() -> {
      VirtioInput t = tablet;
      if (t != null) {
        t.pointer(ax, ay);
      }
    });
  }

  @Override
  public void button(int linuxButton, boolean pressed) {
    post.accept(() -> {
      VirtioInput t = tablet;
      if (t != null) {
        t.button(linuxButton, pressed);
      }
    });
  }

  @Override
  public void wheel(int steps) {
    post.accept(() -> {
      VirtioInput t = tablet;
      if (t != null) {
        t.wheel(steps);
      }
    });
  }
}
