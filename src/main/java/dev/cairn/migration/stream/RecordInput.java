package dev.cairn.migration.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Big-endian primitives from the stream, counting bytes and folding them into the current record's
 * CRC32C. A stream that ends early throws a {@link StreamException} saying where: {@link #where} is
 * kept current by the reader ("section 'ram'", "the header").
 *
 * <p>Reference: {@code docs/stream-format.md}, "Integers".
 */
final class RecordInput {

  private final InputStream in;
  private final CRC32C crc = new CRC32C();
  private final byte[] scratch = new byte[8];
  private long offset;
  String where = "the header";

  RecordInput(InputStream in) {
    this.in = in;
  }

  /** Bytes consumed from the stream so far. */
  long offset() {
    return offset;
  }

  void resetCrc() {
    crc.reset();
  }

  int crc() {
    return (int) crc.getValue();
  }

  /** One byte, or -1 at a clean end of stream (used only where a record may begin). */
  int u8OrEnd() throws IOException {
    int b = in.read();
    if (b >= 0) {
      offset++;
      crc.update(b);
    }
    return b;
  }

  int u8() throws IOException {
    fully(scratch, 0, 1);
    return scratch[0] & 0xFF;
  }

  int u32() throws IOException {
    fully(scratch, 0, 4);
    return decodeU32(scratch, 0);
  }

  long u64() throws IOException {
    fully(scratch, 0, 8);
    return decodeU64(scratch, 0);
  }

  /** Reads the CRC field, which is not part of what it covers. */
  int crcField() throws IOException {
    int n = 0;
    while (n < 4) {
      int r = in.read(scratch, n, 4 - n);
      if (r < 0) {
        throw truncated();
      }
      n += r;
      offset += r;
    }
    return decodeU32(scratch, 0);
  }

  /** Fills {@code b[off, off + len)} or throws a truncation error. */
  void fully(byte[] b, int off, int len) throws IOException {
    int n = 0;
    while (n < len) {
      int r = in.read(b, off + n, len - n);
      if (r < 0) {
        throw truncated();
      }
      crc.update(b, off + n, r);
      n += r;
      offset += r;
    }
  }

  StreamException truncated() {
    return new StreamException("stream truncated in " + where + " after " + offset + " bytes");
  }

  static int decodeU32(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | b[at + 3] & 0xFF;
  }

  /** Reads a 64-bit length written by {@link RecordOutput#encodeU64}. */
  static long decodeU64(byte[] b, int at) {
    return (long) decodeU32(b, at) << 32 | Integer.toUnsignedLong(decodeU32(b, at + 4));
  }
}
