package dev.cairn.migration.stream;

import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes one record's payload. The writer buffers what it writes to learn the length first, since
 * the stream never seeks back to patch one in; payloads too large to buffer belong in several
 * {@code PART}s.
 *
 * <p>Reference: {@code docs/stream-format.md}, "Records".
 */
@FunctionalInterface
public interface PayloadWriter {
  void write(DataOutput out) throws IOException;
}
