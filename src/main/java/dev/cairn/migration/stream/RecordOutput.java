package dev.cairn.migration.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Big-endian primitives onto the stream, counting bytes and folding them into the current record's
 * CRC32C as they pass, so a payload is written once and never copied.
 *
 * <p>Reference: {@code docs/stream-format.md}, "Integers".
 */
final class RecordOutput {

  private final OutputStream out;
  private final CRC32C crc = new CRC32C();
  private final byte[] scratch = new byte[8];
  private long written;

  RecordOutput(OutputStream out) {
    this.out = out;
  }

  long written() {
    return written;
  }

  /** Starts a new record's CRC. */
  void resetCrc() {
    crc.reset();
  }

  int crc() {
    return (int) crc.getValue();
  }

  void u8(int v) throws IOException {
    scratch[0] = (byte) v;
    bytes(scratch, 0, 1);
  }

  void u32(int v) throws IOException {
    encodeU32(v, scratch, 0);
    bytes(scratch, 0, 4);
  }

  void u64(long v) throws IOException {
    encodeU64(v, scratch, 0);
    bytes(scratch, 0, 8);
  }

  void bytes(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    crc.update(b, off, len);
    written += len;
  }

  /** Writes {@code v} without adding it to the CRC: the CRC itself. */
  void crcField(int v) throws IOException {
    encodeU32(v, scratch, 0);
    out.write(scratch, 0, 4);
    written += 4;
  }

  void flush() throws IOException {
    out.flush();
  }

  static void encodeU32(int v, byte[] b, int at) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** The eight big-endian bytes of a 64-bit length: every length that can pass 4 GiB uses this. */
  static void encodeU64(long v, byte[] b, int at) {
    encodeU32((int) (v >>> 32), b, at);
    encodeU32((int) v, b, at + 4);
  }
}
