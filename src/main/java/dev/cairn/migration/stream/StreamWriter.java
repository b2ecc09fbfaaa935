package dev.cairn.migration.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a savevm stream front to back: header, configuration, sections, {@code EOF}. It never
 * seeks, so the stream may be a file, a pipe or a socket. Not thread-safe: one thread writes.
 *
 * <p>Misuse (a section before the configuration, {@code PART} of a section never started, a record
 * after {@link #finish()}) is a bug in the caller and throws {@link IllegalStateException}; I/O
 * failures of the underlying stream throw {@link IOException}.
 *
 * <p>Reference: {@code docs/stream-format.md}; QEMU {@code migration/savevm.c} ({@code
 * qemu_savevm_state_header}, {@code save_section_header}, {@code save_section_footer}).
 */
public final class StreamWriter {

  private enum Phase {
    NEW,
    HEADER,
    SECTIONS,
    FINISHED
  }

  private final RecordOutput out;
  private final Map<Integer, SectionKey> open = new HashMap<>();
  private final Set<SectionKey> used = new HashSet<>();
  private Phase phase = Phase.NEW;
  private int nextId = 1;

  public StreamWriter(OutputStream out) {
    this.out = new RecordOutput(out);
  }

  /** Bytes handed to the underlying stream so far, for progress reports. */
  public long bytesWritten() {
    return out.written();
  }

  /** Writes the magic and {@link StreamFormat#FORMAT_VERSION}; must come first. */
  public void writeHeader() throws IOException {
    expect(Phase.NEW, "writeHeader");
    out.bytes(StreamFormat.MAGIC, 0, StreamFormat.MAGIC.length);
    out.u32(StreamFormat.FORMAT_VERSION);
    phase = Phase.HEADER;
  }

  /** Writes the mandatory configuration section; must directly follow the header. */
  public void beginConfiguration(MachineShape shape) throws IOException {
    expect(Phase.HEADER, "beginConfiguration");
    phase = Phase.SECTIONS;
    fullSection(StreamFormat.CONFIGURATION, 0, MachineShape.VERSION, shape.encode());
  }

  /** Writes a non-live section in one {@code FULL} record. */
  public void fullSection(String name, int instance, int version, byte[] payload)
      throws IOException {
    int id = open(name, instance);
    record(RecordType.FULL, id, name, instance, version, payload);
  }

  /** As {@link #fullSection(String, int, int, byte[])}, the payload written by {@code payload}. */
  public void fullSection(String name, int instance, int version, PayloadWriter payload)
      throws IOException {
    fullSection(name, instance, version, buffer(payload));
  }

  /**
   * Opens a live section with its first part.
   *
   * @return the section's id, for {@link #partSection} and {@link #endSection}
   */
  public int startSection(String name, int instance, int version, byte[] payload)
      throws IOException {
    int id = open(name, instance);
    open.put(id, new SectionKey(name, instance));
    record(RecordType.START, id, name, instance, version, payload);
    return id;
  }

  /** As {@link #startSection(String, int, int, byte[])}, the payload written by {@code payload}. */
  public int startSection(String name, int instance, int version, PayloadWriter payload)
      throws IOException {
    return startSection(name, instance, version, buffer(payload));
  }

  /** Writes another part of the open live section {@code id}. */
  public void partSection(int id, byte[] payload) throws IOException {
    continued(id, "partSection");
    record(RecordType.PART, id, null, 0, 0, payload);
  }

  /** Writes another part of the open live section {@code id}: {@code payload[0, length)}. */
  public void partSection(int id, byte[] payload, int length) throws IOException {
    continued(id, "partSection");
    record(RecordType.PART, id, null, 0, 0, payload, length);
  }

  public void partSection(int id, PayloadWriter payload) throws IOException {
    partSection(id, buffer(payload));
  }

  /** Writes the last part of the live section {@code id} and closes it. */
  public void endSection(int id, byte[] payload) throws IOException {
    continued(id, "endSection");
    open.remove(id);
    record(RecordType.END, id, null, 0, 0, payload);
  }

  public void endSection(int id, PayloadWriter payload) throws IOException {
    endSection(id, buffer(payload));
  }

  /**
   * Writes {@code EOF} and flushes; the underlying stream stays open (the caller owns it).
   *
   * @throws IllegalStateException when a live section is still open: a reader would refuse the
   *     stream
   */
  public void finish() throws IOException {
    expect(Phase.SECTIONS, "finish");
    if (!open.isEmpty()) {
      throw new IllegalStateException("live section(s) still open at finish: " + open.values());
    }
    record(RecordType.EOF, 0, null, 0, 0, new byte[0]);
    phase = Phase.FINISHED;
    out.flush();
  }

  private int open(String name, int instance) {
    if (phase != Phase.SECTIONS) {
      throw new IllegalStateException(
          "section '" + name + "' written before the header and configuration");
    }
    int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (nameBytes == 0 || nameBytes > StreamFormat.MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          "section name must be 1 to 255 UTF-8 bytes: '" + name + "'");
    }
    if (!used.add(new SectionKey(name, instance))) {
      throw new IllegalStateException(
          "section " + new SectionKey(name, instance) + " written twice");
    }
    return nextId++;
  }

  private void continued(int id, String what) {
    if (phase != Phase.SECTIONS || !open.containsKey(id)) {
      throw new IllegalStateException(what + "(" + id + "): no live section with that id is open");
    }
  }

  private void expect(Phase wanted, String what) {
    if (phase != wanted) {
      throw new IllegalStateException(what + " called in phase " + phase + ", not " + wanted);
    }
  }

  private void record(
      RecordType type, int id, String name, int instance, int version, byte[] payload)
      throws IOException {
    record(type, id, name, instance, version, payload, payload.length);
  }

  private void record(
      RecordType type, int id, String name, int instance, int version, byte[] payload,
      int length) throws IOException {
    out.resetCrc();
    out.u8(type.code());
    out.u32(id);
    if (type.opensSection()) {
      byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
      out.u8(nameBytes.length);
      out.bytes(nameBytes, 0, nameBytes.length);
      out.u32(instance);
      out.u32(version);
    }
    out.u64(length);
    out.bytes(payload, 0, length);
    out.u8(StreamFormat.FOOTER_MARKER);
    out.u32(id);
    out.crcField(out.crc());
  }

  private static byte[] buffer(PayloadWriter payload) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    payload.write(data);
    data.flush();
    return bytes.toByteArray();
  }
}
