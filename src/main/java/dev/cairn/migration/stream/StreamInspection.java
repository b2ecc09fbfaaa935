package dev.cairn.migration.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stream holds, read without loading it: header, configuration, every record (payloads
 * verified then dropped), totals per section, and the first error if the stream is corrupt or
 * truncated. Backs {@code cairn stream inspect}.
 *
 * <p>Reference: QEMU {@code scripts/analyze-migration.py}.
 */
public final class StreamInspection {

  /** Totals for one section. */
  public record SectionTotal(SectionKey key, long records, long payloadBytes, long bytes) {}

  private final List<StreamRecord> records = new ArrayList<>();
  private int formatVersion = -1;
  private MachineShape configuration;
  private StreamRecord badRecord;
  private String error;
  private long bytesRead;
  private long trailingBytes;

  private StreamInspection() {}

  /**
   * Reads {@code in} to its end. Never throws for a bad stream: the problem is in {@link #error()}.
   * Bytes after {@code EOF} are counted, not parsed.
   */
  public static StreamInspection read(InputStream in) {
    StreamInspection inspection = new StreamInspection();
    StreamReader reader = new StreamReader(in, false);
    try {
      inspection.formatVersion = reader.readHeader();
      StreamRecord record;
      do {
        record = reader.next();
        inspection.records.add(record);
        inspection.configuration = reader.configuration();
      } while (record.type() != RecordType.EOF);
      inspection.bytesRead = reader.offset();
      inspection.trailingBytes = in.transferTo(OutputStream.nullOutputStream());
    } catch (StreamException e) {
      inspection.error = e.getMessage();
      inspection.badRecord = e.record();
    } catch (IOException e) {
      inspection.error = "read failed after " + reader.offset() + " bytes: " + e.getMessage();
    }
    if (inspection.bytesRead == 0) {
      inspection.bytesRead = reader.offset();
    }
    return inspection;
  }

  /** The header's format version, or -1 when the header was unreadable. */
  public int formatVersion() {
    return formatVersion;
  }

  /** The configuration, or null when it could not be read. */
  public MachineShape configuration() {
    return configuration;
  }

  /** Every record read whole and verified, in stream order; payloads are not kept. */
  public List<StreamRecord> records() {
    return List.copyOf(records);
  }

  /** The record the reading stopped at because its CRC or footer was wrong, else null. */
  public StreamRecord badRecord() {
    return badRecord;
  }

  /** What made the stream unreadable, or null when it was read to {@code EOF}. */
  public String error() {
    return error;
  }

  /** Bytes read up to {@code EOF} or up to the error. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Bytes after {@code EOF}, which a loader never reads. */
  public long trailingBytes() {
    return trailingBytes;
  }

  /** Totals per section, in order of first appearance; {@code EOF} is not a section. */
  public List<SectionTotal> sections() {
    Map<SectionKey, long[]> sums = new LinkedHashMap<>();
    for (StreamRecord r : records) {
      if (r.type() != RecordType.EOF) {
        long[] sum = sums.computeIfAbsent(r.key(), k -> new long[3]);
        sum[0]++;
        sum[1] += r.payloadLength();
        sum[2] += r.size();
      }
    }
    List<SectionTotal> out = new ArrayList<>();
    sums.forEach((key, sum) -> out.add(new SectionTotal(key, sum[0], sum[1], sum[2])));
    return out;
  }
}
