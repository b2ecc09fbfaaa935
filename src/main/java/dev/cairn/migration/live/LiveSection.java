package dev.cairn.migration.live;

import dev.cairn.migration.stream.StreamWriter;
import java.io.IOException;

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

  /**
   * Writes the next PART payload (as {@link #nextChunk}) to {@code writer} as section {@code id};
   * returns its length, 0 when this pass is done and nothing was written. Sections that fill a
   * reused buffer override it to write that buffer without a copy.
   */
  default int writeNextChunk(StreamWriter writer, int id, int maxBytes) throws IOException {
    byte[] chunk = nextChunk(maxBytes);
    if (chunk.length > 0) {
      writer.partSection(id, chunk);
    }
    return chunk.length;
  }

  /** Collects what changed since the last call; returns the units now pending. */
  long syncDirty();

  /** Bytes still to send in this pass (for the convergence decision and progress). */
  long pendingBytes();

  /** Stops tracking (after the final pass, or on failure). */
  void finish();
}
