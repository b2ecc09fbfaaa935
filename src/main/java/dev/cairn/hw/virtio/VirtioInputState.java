package dev.cairn.hw.virtio;

import dev.cairn.state.StateDescription;

/**
 * The saved state of a {@link VirtioInput}: the configuration selector, the events not yet
 * delivered and the keys held down.
 *
 * <p>Reference: virtio 1.2 §5.8.4 (select/subsel), §5.8.6 (events).
 *
 * <p>The kind (keyboard or tablet) is configuration; it is recorded so that a stream for the
 * other kind in this slot is refused.
 */
public final class VirtioInputState {

  /** Version 1. */
  public static final StateDescription<VirtioInput> DESCRIPTION =
      StateDescription.builder("virtio-input", VirtioInput.class)
          .version(1)
          .minimumVersion(1)
          .u8("kind", i -> i.kind().ordinal(), (i, v) -> {})
          .check((i, v) -> v == i.kind().ordinal(), "the kind of input device in this slot")
          .u8("select", i -> i.select, (i, v) -> i.select = v)
          .u8("subsel", i -> i.subsel, (i, v) -> i.subsel = v)
          .i64s("pending", i -> i.pending.stream().mapToLong(Long::longValue).toArray(),
              (i, v) -> {
                i.pending.clear();
                for (long e : v) {
                  i.pending.add(e);
                }
              })
          .bools("keysDown", VirtioInput.KEYS, i -> i.keysDown)
          .build();

  private VirtioInputState() {}
}
