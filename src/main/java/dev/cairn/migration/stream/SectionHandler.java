package dev.cairn.migration.stream;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The incoming side of one section: which versions of it this build loads, whether it is saved
 * live, and how a payload is applied to the machine.
 *
 * <p>Reference: QEMU {@code include/migration/vmstate.h} ({@code VMStateDescription}: {@code
 * version_id}, {@code minimum_version_id}) and {@code SaveVMHandlers} ({@code load_state}).
 */
public interface SectionHandler {

  /** The version this build writes, and the newest it loads. */
  int currentVersion();

  /** The oldest version this build still loads. */
  int minimumVersion();

  /**
   * Whether the section is saved live ({@code START}, {@code PART}s, {@code END}) rather than in
   * one {@code FULL} record; a stream that disagrees is refused.
   */
  boolean live();

  /**
   * Applies one record's payload to the machine. Called only from {@link LoadTarget#commit()}, that
   * is after the whole stream was read and checked, in stream order; for a live section once per
   * {@code START}, {@code PART} and {@code END}.
   *
   * @param version the section version the writer used, already checked to be in range
   * @param payload the record's payload
   * @param type which record of the section this is
   */
  void load(int version, DataInput payload, RecordType type) throws IOException;

  /**
   * As {@link #load(int, DataInput, RecordType)}, for a payload held whole in an array (how the
   * reader hands every record over): {@code payload[0, length)}. A handler of bulk data (RAM
   * pages) overrides it to parse the array directly instead of through a stream.
   */
  default void load(int version, byte[] payload, int length, RecordType type) throws IOException {
    load(version, new DataInputStream(new ByteArrayInputStream(payload, 0, length)), type);
  }
}
