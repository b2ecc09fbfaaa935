package dev.cairn.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A bounded, big-endian view of one length-prefixed payload. Running past its end is a {@link
 * StateException} naming the section and the field being read, never an unchecked exception.
 */
final class Payload {

  private final ByteBuffer buffer;
  /** Where we are, for messages: e.g. {@code section 'clint'}. */
  final String where;
  /** The field being decoded, for messages; null between fields. */
  String field;

  Payload(byte[] bytes, String where) {
    this(ByteBuffer.wrap(bytes), where);
  }

  private Payload(ByteBuffer buffer, String where) {
    this.buffer = buffer;
    this.where = where;
  }

  int remaining() {
    return buffer.remaining();
  }

  String at() {
    return field == null ? where : where + " field '" + field + "'";
  }

  private void need(long bytes) throws StateException {
    if (bytes > buffer.remaining()) {
      throw new StateException(
          at() + ": payload truncated (needs " + bytes + " more bytes, " + buffer.remaining()
              + " left)");
    }
  }

  int u8() throws StateException {
    need(1);
    return buffer.get() & 0xFF;
  }

  int u16() throws StateException {
    need(2);
    return buffer.getShort() & 0xFFFF;
  }

  int i32() throws StateException {
    need(4);
    return buffer.getInt();
  }

  long i64() throws StateException {
    need(8);
    return buffer.getLong();
  }

  /** A u32 count or length, refused if it cannot fit in what is left at {@code unit} bytes each. */
  int count(int unit) throws StateException {
    long n = i32() & 0xFFFF_FFFFL;
    if (n * unit > buffer.remaining()) {
      throw new StateException(
          at() + ": length " + n + " exceeds the " + buffer.remaining() + " bytes left");
    }
    return (int) n;
  }

  void bytes(byte[] into) throws StateException {
    need(into.length);
    buffer.get(into);
  }

  String utf8(int length) throws StateException {
    byte[] b = new byte[length];
    bytes(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Reads a u32 length and returns the next that many bytes as a payload of its own. */
  Payload block(String innerWhere) throws StateException {
    int length = count(1);
    ByteBuffer slice = buffer.slice(buffer.position(), length);
    buffer.position(buffer.position() + length);
    return new Payload(slice, innerWhere);
  }
}
