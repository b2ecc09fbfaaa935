package dev.cairn.migration.stream;

import static dev.cairn.migration.stream.TestStreams.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Lengths past 4 GiB survive the encoding; no test writes 4 GiB. */
class LengthEncodingTest {

  private static final long FIVE_GIB = 5L << 30;

  @Test
  void lengthAbove4GiBIsEightBigEndianBytesAndDecodesBack() {
    byte[] b = new byte[8];
    RecordOutput.encodeU64(FIVE_GIB, b, 0);
    assertArrayEquals(new byte[] {0, 0, 0, 1, 0x40, 0, 0, 0}, b);
    assertEquals(FIVE_GIB, RecordInput.decodeU64(b, 0));
    RecordOutput.encodeU64(Long.MAX_VALUE, b, 0);
    assertEquals(Long.MAX_VALUE, RecordInput.decodeU64(b, 0));
    RecordOutput.encodeU64(0xFFFF_FFFFL, b, 0);
    assertEquals(0xFFFF_FFFFL, RecordInput.decodeU64(b, 0), "no sign extension of the low word");
  }

  /**
   * A valid stream up to a FULL "ram" record header that claims a 5 GiB payload of which 16 came.
   */
  private static byte[] streamClaimingFiveGib() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StreamWriter w = new StreamWriter(bytes);
    w.writeHeader();
    w.beginConfiguration(shape());
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(RecordType.FULL.code());
    out.writeInt(2);
    out.writeByte(3);
    out.writeBytes("ram");
    out.writeInt(0);
    out.writeInt(1);
    out.writeLong(FIVE_GIB);
    out.write(new byte[16]);
    return bytes.toByteArray();
  }

  @Test
  void readerSkippingPayloadsFollowsA5GiBLengthUntilTheDataEnds() throws IOException {
    byte[] bytes = streamClaimingFiveGib();
    StreamReader reader = new StreamReader(new ByteArrayInputStream(bytes), false);
    reader.readHeader();
    reader.next();
    StreamException e = assertThrows(StreamException.class, reader::next);
    assertEquals(
        "stream truncated in section 'ram' after " + bytes.length + " bytes", e.getMessage());
  }

  @Test
  void readerKeepingPayloadsRefusesOneTooBigForMemoryNamingItsLength() throws IOException {
    StreamReader reader = new StreamReader(new ByteArrayInputStream(streamClaimingFiveGib()));
    reader.readHeader();
    reader.next();
    StreamException e = assertThrows(StreamException.class, reader::next);
    assertEquals(
        "a record of section 'ram' has 5368709120 bytes of payload, more than this build holds in"
            + " memory (2147483639); the writer must split it",
        e.getMessage());
  }
}
