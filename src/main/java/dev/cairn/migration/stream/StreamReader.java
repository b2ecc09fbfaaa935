package dev.cairn.migration.stream;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a savevm stream record by record, front to back, never seeking: files, pipes and sockets
 * alike. Each record's CRC32C and footer are verified before it is returned, and the record
 * structure is enforced (configuration first, {@code PART}/{@code END} only for an open section, no
 * section left open at {@code EOF}). Every failure is a {@link StreamException} that names the
 * section. It does not read past {@code EOF}. Not thread-safe.
 *
 * <p>Section versions are not judged here (that needs a {@link SectionRegistry}; see {@link
 * StreamLoader}), except the configuration's, which this package owns.
 *
 * <p>Reference: {@code docs/stream-format.md}; QEMU {@code migration/savevm.c} ({@code
 * qemu_loadvm_state_main}, {@code check_section_footer}).
 */
public final class StreamReader {

  /** The largest payload kept in memory; Java arrays stop just short of 2 GiB. */
  static final long MAX_KEPT_PAYLOAD = Integer.MAX_VALUE - 8;

  private static final int CHUNK = 1 << 16;
  /**
   * Payloads up to this size get their final array at once; beyond it the array grows as bytes
   * arrive, so a corrupt length fails as truncation rather than as a huge allocation. It covers
   * every record Cairn writes, so no payload is copied while it is read.
   */
  private static final int FIRST_ALLOCATION = 1 << 20;
  private static final long MAX_CONFIGURATION = 1 << 20;
  private static final VersionRange FORMATS =
      new VersionRange(StreamFormat.MINIMUM_FORMAT_VERSION, StreamFormat.FORMAT_VERSION);
  private static final VersionRange CONFIGURATIONS =
      new VersionRange(MachineShape.MINIMUM_VERSION, MachineShape.VERSION);

  private final RecordInput in;
  private final boolean keepPayloads;
  /** Non-null when every payload is read into this one buffer (grown as needed). */
  private byte[] reusedPayload;
  private final Map<Integer, StreamRecord> open = new HashMap<>();
  private final Set<Integer> usedIds = new HashSet<>();
  private int formatVersion = -1;
  private MachineShape configuration;
  private String lastSection;
  private boolean finished;

  /** A reader that keeps every payload (for loading). */
  public StreamReader(InputStream in) {
    this(in, true);
  }

  /**
   * @param keepPayloads false to verify payloads and drop them (for inspecting a stream of any
   *     size); the configuration payload is always kept
   */
  public StreamReader(InputStream in, boolean keepPayloads) {
    this.in = new RecordInput(in);
    this.keepPayloads = keepPayloads;
  }

  /**
   * A reader that reads every payload (the configuration's excepted) into one buffer it reuses,
   * so a record's payload array is valid only until the next {@link #next()} and may be longer
   * than the payload ({@link StreamRecord#payloadLength()} says how much of it is).
   */
  static StreamReader reusingPayloadBuffer(InputStream in) {
    StreamReader reader = new StreamReader(in, true);
    reader.reusedPayload = new byte[0];
    return reader;
  }

  /** Bytes consumed so far: the offset where the next record starts. */
  public long offset() {
    return in.offset();
  }

  /** The format version from the header, or -1 before {@link #readHeader()}. */
  public int formatVersion() {
    return formatVersion;
  }

  /** The machine the stream is for, once the first record has been read; else null. */
  public MachineShape configuration() {
    return configuration;
  }

  /** Whether {@code EOF} has been read. */
  public boolean finished() {
    return finished;
  }

  /**
   * Reads and checks the magic and the format version.
   *
   * @return the format version
   * @throws StreamException wrong magic, a format version this build does not read, or truncation
   */
  public int readHeader() throws IOException {
    if (formatVersion >= 0) {
      throw new IllegalStateException("header already read");
    }
    byte[] magic = new byte[StreamFormat.MAGIC.length];
    in.fully(magic, 0, magic.length);
    if (!Arrays.equals(magic, StreamFormat.MAGIC)) {
      if (RecordInput.decodeU32(magic, 0) == StreamFormat.QEMU_MAGIC) {
        throw new StreamException("this is a QEMU migration stream (magic QEVM), not a Cairn one");
      }
      throw new StreamException(
          "not a Cairn VM stream: it begins with " + hex(magic) + ", not CAIRNVM\\n");
    }
    int version = in.u32();
    FORMATS.check("stream format", version);
    formatVersion = version;
    return version;
  }

  /**
   * Reads, verifies and returns the next record; the last one is of type {@link RecordType#EOF}.
   *
   * @throws StreamException truncation, a CRC or footer mismatch (with {@link
   *     StreamException#record()} set), or a record that breaks the stream's structure
   * @throws IllegalStateException before {@link #readHeader()} or after {@code EOF}
   */
  public StreamRecord next() throws IOException {
    if (formatVersion < 0 || finished) {
      throw new IllegalStateException(finished ? "EOF already read" : "header not read");
    }
    long start = in.offset();
    in.resetCrc();
    in.where = open.isEmpty() ? "a record after " + after() : openSections();
    int code = in.u8OrEnd();
    if (code < 0) {
      throw new StreamException(
          open.isEmpty()
              ? "stream truncated after " + start + " bytes: no EOF record after " + after()
              : "stream truncated in " + openSections() + " after " + start + " bytes");
    }
    RecordType type = RecordType.fromCode(code);
    if (type == null) {
      throw new StreamException(
          String.format(
              "unknown record type 0x%02x at offset %d (after %s): the stream is corrupt",
              code, start, after()));
    }
    int id = in.u32();
    StreamRecord head = head(type, id, start);
    in.where = type == RecordType.EOF ? "the EOF record" : "section '" + head.name() + "'";
    long length = in.u64();
    byte[] payload = payload(head, length, start);
    int marker = in.u8();
    int footerId = in.u32();
    int computed = in.crc();
    int stored = in.crcField();
    StreamRecord record =
        new StreamRecord(
            start,
            type,
            id,
            head.name(),
            head.instance(),
            head.version(),
            length,
            payload,
            in.offset() - start,
            stored,
            computed);
    if (!record.crcOk()) {
      throw new StreamException(
          String.format(
              "CRC mismatch in %s (%s record at offset %d): stored 0x%08x, computed 0x%08x;"
                  + " the stream is corrupt",
              describe(record), type, start, stored, computed),
          record);
    }
    if (marker != StreamFormat.FOOTER_MARKER || footerId != id) {
      throw new StreamException(
          String.format(
              "bad footer in %s (%s record at offset %d): marker 0x%02x id %d, expected 0x%02x"
                  + " id %d",
              describe(record), type, start, marker, footerId, StreamFormat.FOOTER_MARKER, id),
          record);
    }
    accept(record);
    return record;
  }

  /** Reads the rest of a record's header and checks it against the structure so far. */
  private StreamRecord head(RecordType type, int id, long start) throws IOException {
    String at = type + " record at offset " + start;
    if (type == RecordType.EOF) {
      if (configuration == null) {
        throw new StreamException(
            "stream ends (EOF at offset " + start + ") before its configuration section");
      }
      if (id != 0) {
        throw new StreamException(at + " has section id " + id + ", not 0: the stream is corrupt");
      }
      return stub(type, id, "", 0, 0);
    }
    if (!type.opensSection()) {
      StreamRecord started = open.get(id);
      if (started == null) {
        throw new StreamException(
            at
                + " is for section id "
                + Integer.toUnsignedString(id)
                + ", which is not open (never started, or already ended)");
      }
      return started;
    }
    in.where = "a " + at;
    int nameLength = in.u8();
    byte[] name = new byte[nameLength];
    in.fully(name, 0, nameLength);
    String sectionName = new String(name, StandardCharsets.UTF_8);
    in.where = "section '" + sectionName + "'";
    int instance = in.u32();
    int version = in.u32();
    if (nameLength == 0) {
      throw new StreamException(at + " has an empty section name: the stream is corrupt");
    }
    if (id == 0 || !usedIds.add(id)) {
      throw new StreamException(
          "section '"
              + sectionName
              + "' ("
              + at
              + ") reuses section id "
              + Integer.toUnsignedString(id)
              + ": the stream is corrupt");
    }
    boolean first = configuration == null;
    boolean isConfiguration =
        type == RecordType.FULL && sectionName.equals(StreamFormat.CONFIGURATION);
    if (first && !isConfiguration) {
      throw new StreamException(
          "stream does not begin with the configuration section: found "
              + at
              + " for section '"
              + sectionName
              + "'");
    }
    if (!first && isConfiguration) {
      throw new StreamException("a second configuration section appears at offset " + start);
    }
    if (isConfiguration) {
      CONFIGURATIONS.check("section '" + StreamFormat.CONFIGURATION + "'", version);
    }
    return stub(type, id, sectionName, instance, version);
  }

  private byte[] payload(StreamRecord head, long length, long start) throws IOException {
    String section = describe(head);
    if (length < 0) {
      throw new StreamException(
          "payload length of "
              + section
              + " at offset "
              + start
              + " is beyond 2^63 bytes: the stream is corrupt");
    }
    if (head.type() == RecordType.EOF && length != 0) {
      throw new StreamException("EOF record carries " + length + " bytes: the stream is corrupt");
    }
    boolean isConfiguration = configuration == null;
    if (isConfiguration && length > MAX_CONFIGURATION) {
      throw new StreamException("configuration section of " + length + " bytes is implausible");
    }
    if (!keepPayloads && !isConfiguration) {
      skip(length);
      return null;
    }
    if (length > MAX_KEPT_PAYLOAD) {
      throw new StreamException(
          "a record of "
              + section
              + " has "
              + length
              + " bytes of payload, more than this"
              + " build holds in memory ("
              + MAX_KEPT_PAYLOAD
              + "); the writer must split it");
    }
    if (reusedPayload != null && !isConfiguration) {
      if (reusedPayload.length < length) {
        reusedPayload = readGrowing((int) length);
      } else {
        in.fully(reusedPayload, 0, (int) length);
      }
      return reusedPayload;
    }
    return readGrowing((int) length);
  }

  /** Reads {@code length} bytes into a new array of that size, grown as they arrive (above). */
  private byte[] readGrowing(int length) throws IOException {
    byte[] bytes = new byte[Math.min(length, FIRST_ALLOCATION)];
    int filled = 0;
    while (filled < length) {
      if (filled == bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(length, (long) bytes.length * 2));
      }
      int n = bytes.length - filled;
      in.fully(bytes, filled, n);
      filled += n;
    }
    return bytes;
  }

  private void skip(long length) throws IOException {
    byte[] buffer = skipBuffer;
    for (long left = length; left > 0; ) {
      int n = (int) Math.min(left, buffer.length);
      in.fully(buffer, 0, n);
      left -= n;
    }
  }

  /** Skipped payloads are read through one buffer (they must still be read, for the CRC). */
  private final byte[] skipBuffer = new byte[CHUNK];

  /** Updates the open sections once a record has proved whole. */
  private void accept(StreamRecord record) throws IOException {
    switch (record.type()) {
      case START -> open.put(record.id(), record);
      case END -> open.remove(record.id());
      case EOF -> {
        if (!open.isEmpty()) {
          throw new StreamException(
              "stream ended (EOF at offset "
                  + record.offset()
                  + ") while "
                  + openSections()
                  + " still open: its END record is missing");
        }
        finished = true;
      }
      case FULL -> {
        if (configuration == null) {
          configuration = decodeConfiguration(record);
        }
      }
      default -> {}
    }
    if (record.type() != RecordType.EOF) {
      lastSection = record.name();
    }
  }

  private static MachineShape decodeConfiguration(StreamRecord record) throws StreamException {
    try {
      DataInputStream data = new DataInputStream(new ByteArrayInputStream(record.payload()));
      MachineShape shape = MachineShape.decode(data);
      if (data.available() != 0) {
        throw new IOException(data.available() + " bytes left over");
      }
      return shape;
    } catch (IOException e) {
      throw new StreamException("configuration section is malformed: " + e.getMessage(), record);
    }
  }

  private String after() {
    return lastSection == null ? "the header" : "section '" + lastSection + "'";
  }

  private String openSections() {
    StringBuilder names = new StringBuilder();
    for (StreamRecord r : open.values()) {
      names.append(names.length() == 0 ? "" : ", ").append('\'').append(r.name()).append('\'');
    }
    return (open.size() == 1 ? "section " : "sections ") + names;
  }

  private static String describe(StreamRecord record) {
    return record.type() == RecordType.EOF ? "the EOF record" : "section " + record.key();
  }

  private static StreamRecord stub(
      RecordType type, int id, String name, int instance, int version) {
    return new StreamRecord(-1, type, id, name, instance, version, 0, null, 0, 0, 0);
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
    }
    return s.toString();
  }
}
