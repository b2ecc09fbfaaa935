package dev.cairn.migration.live;

/**
 * A section saved progressively while the guest runs (RAM; later the disks of a storage
 * migration). {@link LiveSave} gives every live section its turn in each pass, so their records
 * interleave in one stream.
 */
public interface LiveSection {

  /** The section's name in the stream ("ram"). */
  String name();

  /** Its instance number. */
  int instance();

  /** The version of its encoding. */
  int version();

  /** Starts tracking changes; returns the START payload. */
  byte[] setup();

  /** The next PART payload of at most about {@code maxBytes}, or empty when this pass is done. */
  byte[] nextChunk(int maxBytes);

  /** Collects what changed since the last call; returns the units now pending. */
  long syncDirty();

  /** Bytes still to send in this pass (for the convergence decision and progress). */
  long pendingBytes();

  /** Stops tracking (after the final pass, or on failure). */
  void finish();
}
