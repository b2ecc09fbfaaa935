package dev.cairn.migration.stream;

/**
 * The versions of something this build can load: from {@code minimum} to {@code current}, both
 * included. Versions are unsigned 32-bit numbers in the stream.
 *
 * <p>Reference: QEMU {@code migration/vmstate.c} ({@code vmstate_load_state}: {@code version_id}
 * against {@code minimum_version_id}); {@code docs/stream-format.md}, "Version checks".
 */
record VersionRange(int minimum, int current) {

  /**
   * Refuses {@code found} outside this range.
   *
   * @param what what carries the version, as the message should name it ("section 'uart'")
   * @throws StreamException "section 'uart' version 4 is newer than this build supports (1 to 3)"
   */
  void check(String what, int found) throws StreamException {
    long v = Integer.toUnsignedLong(found);
    if (v > current) {
      throw new StreamException(
          what + " version " + v + " is newer than this build supports " + this);
    }
    if (v < minimum) {
      throw new StreamException(
          what + " version " + v + " is older than this build supports " + this);
    }
  }

  @Override
  public String toString() {
    return "(" + minimum + " to " + current + ")";
  }
}
