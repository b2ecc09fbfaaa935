package dev.cairn.migration.stream;

import java.io.IOException;

/**
 * Where a verified stream goes: records are staged while the stream is read, and applied only by
 * {@link #commit()}, once the stream has proved whole and loadable. Staging must not touch the
 * running machine, so a VM can keep running while a snapshot is read, and a refused stream leaves
 * it as it was. An incoming migration uses the same contract with a machine not yet started.
 *
 * <p>Reference: {@code docs/stream-format.md}, "Loading"; QEMU instead applies each section as it
 * arrives ({@code qemu_loadvm_state_main}), which this contract avoids.
 */
public interface LoadTarget {

  /**
   * Keeps one record of a registered section, whose CRC, footer and version have been checked. Must
   * not change the running machine. Called from the reading thread, in stream order.
   */
  void stage(SectionHandler handler, StreamRecord record) throws IOException;

  /**
   * Applies everything staged, in stream order. Called at most once, and only after {@code EOF},
   * with every CRC matched and every required section present. The caller pauses the VM first.
   */
  void commit() throws IOException;

  /** Drops everything staged; called when the stream is refused. Never throws. */
  default void discard() {}

  /**
   * Whether {@link #stage} is done with a record's payload when it returns (it applies or drops
   * it, keeping no reference). The reader may then read every payload into one reused buffer,
   * longer than the payload: such a target must use {@link StreamRecord#payloadLength()}, not the
   * array's length. Saves allocating the whole stream again as garbage on a multi-GiB load.
   */
  default boolean consumesPayloadsAtOnce() {
    return false;
  }
}
