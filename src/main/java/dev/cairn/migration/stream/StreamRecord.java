package dev.cairn.migration.stream;

/**
 * One record as read from a stream. For {@code PART} and {@code END} the name, instance and version
 * are those of the section's {@code START}, so that every record can be reported by name.
 *
 * <p>Reference: {@code docs/stream-format.md}, "Records".
 *
 * @param offset where the record's type byte is, counted from the stream's first byte
 * @param type what kind of record
 * @param id the section id (0 for {@code EOF})
 * @param name the section name ("" for {@code EOF})
 * @param instance the section instance
 * @param version the section version the writer used
 * @param payloadLength bytes of payload
 * @param payload the payload, or null when the reader was asked not to keep payloads; from a
 *     reader that reuses one buffer, that buffer, which may be longer than {@code payloadLength}
 * @param size bytes of the whole record, type byte to CRC
 * @param storedCrc the CRC32C the writer stored
 * @param computedCrc the CRC32C of the bytes as read
 */
public record StreamRecord(
    long offset,
    RecordType type,
    int id,
    String name,
    int instance,
    int version,
    long payloadLength,
    byte[] payload,
    long size,
    int storedCrc,
    int computedCrc) {

  /** The section this record belongs to. */
  public SectionKey key() {
    return new SectionKey(name, instance);
  }

  /** Whether the stored CRC matched the bytes. */
  public boolean crcOk() {
    return storedCrc == computedCrc;
  }

  /**
   * The payload.
   *
   * @throws IllegalStateException when the reader did not keep payloads
   */
  public byte[] requirePayload() {
    if (payload == null) {
      throw new IllegalStateException("payload of section '" + name + "' was not kept");
    }
    return payload;
  }
}
