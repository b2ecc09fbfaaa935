package dev.cairn.migration.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a whole stream and decides whether this build may load it, before anything is applied. A
 * stream cannot be rewound and may be gigabytes, so the checks run as it arrives: the configuration
 * (first) against the running machine; each section's name, instance, version and liveness against
 * the {@link SectionRegistry} the moment its first record is seen; every CRC; and at {@code EOF},
 * that every required section came. Payloads meanwhile go to a {@link LoadTarget} that only stages
 * them. Any refusal discards the staged state; the VM is untouched.
 *
 * <p>Reference: {@code docs/stream-format.md}, "Loading"; QEMU {@code migration/savevm.c} ({@code
 * qemu_loadvm_section_start_full}, {@code check_section_footer}).
 */
public final class StreamLoader {

  private final SectionRegistry registry;
  private final MachineShape running;

  /**
   * @param registry the sections this build loads
   * @param running the shape of the machine the stream will load into
   */
  public StreamLoader(SectionRegistry registry, MachineShape running) {
    this.registry = registry;
    this.running = running;
  }

  /**
   * Reads {@code in} to {@code EOF}, checking everything and staging payloads in {@code target};
   * applies nothing. Does not close {@code in}.
   *
   * @return the verified stream, to be committed by the caller (with the VM paused)
   * @throws StreamException naming the section and versions of the first problem; {@code target}
   *     has then been discarded and never committed
   */
  public StagedLoad stage(InputStream in, LoadTarget target) throws IOException {
    try {
      StreamReader reader = target.consumesPayloadsAtOnce()
          ? StreamReader.reusingPayloadBuffer(in)
          : new StreamReader(in);
      return read(reader, target);
    } catch (IOException | RuntimeException e) {
      target.discard();
      throw e;
    }
  }

  /**
   * Reads {@code in} to {@code EOF} making every check {@link #stage} makes (CRCs, structure,
   * configuration, versions, completeness) while keeping no payload: the first pass of a load from
   * a file that can be read twice. Does not close {@code in}.
   *
   * @throws StreamException naming the section and versions of the first problem
   */
  public void check(InputStream in) throws IOException {
    read(new StreamReader(in, false), DROP);
  }

  /** Where {@link #check} sends records: nowhere, their payloads were not even kept. */
  private static final LoadTarget DROP =
      new LoadTarget() {
        @Override
        public void stage(SectionHandler handler, StreamRecord record) {}

        @Override
        public void commit() {}

        @Override
        public void discard() {}
      };

  /** {@link #stage} then {@link StagedLoad#commit()}: for a machine that is not running. */
  public StagedLoad load(InputStream in, LoadTarget target) throws IOException {
    StagedLoad staged = stage(in, target);
    staged.commit();
    return staged;
  }

  private StagedLoad read(StreamReader reader, LoadTarget target) throws IOException {
    reader.readHeader();
    reader.next(); // the reader insists this is the configuration, and decodes it
    MachineShape shape = reader.configuration();
    shape.checkLoadableInto(running);
    Set<SectionKey> seen = new LinkedHashSet<>();
    Map<Integer, SectionHandler> byId = new HashMap<>();
    for (StreamRecord record = reader.next(); ; record = reader.next()) {
      if (record.type() == RecordType.EOF) {
        checkComplete(seen);
        return new StagedLoad(target, shape, new ArrayList<>(seen), reader.offset());
      }
      SectionHandler handler;
      if (record.type().opensSection()) {
        handler = admit(record, seen);
        byId.put(record.id(), handler);
      } else {
        handler = byId.get(record.id()); // the reader has checked that the section is open
      }
      target.stage(handler, record);
    }
  }

  /** Checks a section's first record against the registry; returns its handler. */
  private SectionHandler admit(StreamRecord record, Set<SectionKey> seen) throws StreamException {
    SectionKey key = record.key();
    SectionRegistry.Entry entry = registry.find(key);
    if (entry == null) {
      throw new StreamException(
          "stream has section "
              + key
              + " (version "
              + Integer.toUnsignedLong(record.version())
              + "), which this build does not know");
    }
    SectionHandler handler = entry.handler();
    new VersionRange(handler.minimumVersion(), handler.currentVersion())
        .check("section " + key, record.version());
    boolean live = record.type() == RecordType.START;
    if (live != handler.live()) {
      throw new StreamException(
          "section "
              + key
              + " arrives as "
              + (live ? "a live section (START)" : "one FULL record")
              + " but this build saves it "
              + (handler.live() ? "live" : "in one piece"));
    }
    if (!seen.add(key)) {
      throw new StreamException(
          "section " + key + " appears twice (again at offset " + record.offset() + ")");
    }
    return handler;
  }

  private void checkComplete(Set<SectionKey> seen) throws StreamException {
    List<String> missing = new ArrayList<>();
    for (SectionRegistry.Entry entry : registry.entries()) {
      if (entry.required() && !seen.contains(entry.key())) {
        missing.add(entry.key().toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new StreamException(
          "stream lacks required section"
              + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing));
    }
  }
}
