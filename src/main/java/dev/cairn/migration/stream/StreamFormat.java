package dev.cairn.migration.stream;

import java.nio.charset.StandardCharsets;

/**
 * The fixed numbers of the Cairn savevm stream: magic, format versions, marker bytes.
 *
 * <p>Reference: {@code docs/stream-format.md}; QEMU {@code migration/savevm.c} ({@code
 * QEMU_VM_FILE_MAGIC}, {@code QEMU_VM_FILE_VERSION}, {@code QEMU_VM_SECTION_FOOTER}).
 */
public final class StreamFormat {

  /** The first eight bytes of every stream; the newline catches text-mode mangling. */
  public static final byte[] MAGIC = "CAIRNVM\n".getBytes(StandardCharsets.US_ASCII);

  /** QEMU's magic ("QEVM"), recognised only to say what the file is instead. */
  static final int QEMU_MAGIC = 0x5145564d;

  /** The format version this build writes. */
  public static final int FORMAT_VERSION = 1;

  /** The oldest format version this build reads. */
  public static final int MINIMUM_FORMAT_VERSION = 1;

  /** Bytes of magic plus format version: where the first record starts. */
  public static final int HEADER_SIZE = 12;

  /** The byte before a record's footer id; a lost or extra byte in the payload shows up here. */
  static final int FOOTER_MARKER = 0x7E;

  /** Name of the mandatory first section that describes the machine. */
  public static final String CONFIGURATION = "configuration";

  /** The largest section name, in UTF-8 bytes (its length is one byte). */
  static final int MAX_NAME_BYTES = 255;

  private StreamFormat() {}

  /** Formats a byte count for messages: whole MiB when it is one, else bytes. */
  static String size(long bytes) {
    if (bytes > 0 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes + " bytes";
  }
}
