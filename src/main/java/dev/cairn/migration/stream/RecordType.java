package dev.cairn.migration.stream;

/**
 * The kinds of record in a stream, with their one-byte codes.
 *
 * <p>Reference: QEMU {@code migration/savevm.c} ({@code QEMU_VM_EOF}, {@code
 * QEMU_VM_SECTION_START}, {@code _PART}, {@code _END}, {@code _FULL}); the codes are QEMU's so that
 * a hex dump reads the same.
 */
public enum RecordType {
  /** The end of the stream; no section. */
  EOF(0x00),
  /** A live section's first part; names the section. */
  START(0x01),
  /** A live section's middle part. */
  PART(0x02),
  /** A live section's last part, written in the final pause. */
  END(0x03),
  /** A non-live section in one piece; names the section. */
  FULL(0x04);

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /** The byte that stands for this type in the stream. */
  public int code() {
    return code;
  }

  /**
   * Whether records of this type carry a name, instance and version ({@code START}, {@code FULL}).
   */
  public boolean opensSection() {
    return this == START || this == FULL;
  }

  /** The type for a code, or null when the byte is no record type. */
  static RecordType fromCode(int code) {
    for (RecordType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
