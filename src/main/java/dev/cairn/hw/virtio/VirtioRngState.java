package dev.cairn.hw.virtio;

import dev.cairn.state.StateDescription;

/**
 * The saved state of a {@link VirtioRng}: none, declared so the device is named in the stream.
 *
 * <p>Reference: virtio 1.2 §5.4 (entropy device).
 *
 * <p>The random source is host state and deliberately not carried over: a restored guest must
 * not see the same "random" bytes twice.
 */
public final class VirtioRngState {

  /** Version 1: no fields. */
  public static final StateDescription<VirtioRng> DESCRIPTION =
      StateDescription.builder("virtio-rng", VirtioRng.class).version(1).minimumVersion(1).build();

  private VirtioRngState() {}
}
