package dev.cairn.migration.stream;

import java.io.IOException;

/**
 * A stream is unreadable, corrupt, truncated, or not loadable by this build; the message names the
 * section and versions and is meant for the user as is.
 *
 * <p>Reference: {@code docs/stream-format.md}.
 */
public final class StreamException extends IOException {

  private final transient StreamRecord record;

  public StreamException(String message) {
    this(message, null);
  }

  /**
   * @param record the record that failed, when its header could be read (for example a record whose
   *     CRC did not match), else null
   */
  public StreamException(String message, StreamRecord record) {
    super(message);
    this.record = record;
  }

  /** The record that failed, if its header could be read; else null. */
  public StreamRecord record() {
    return record;
  }
}
