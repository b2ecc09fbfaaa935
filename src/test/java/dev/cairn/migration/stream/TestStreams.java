package dev.cairn.migration.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Shapes, handlers and targets shared by the stream tests. */
final class TestStreams {

  static final long RAM_BASE = 0x8000_0000L;

  private TestStreams() {}

  static MachineShape shape(long ramSize) {
    return new MachineShape(
        "virt",
        "rv64imafdc_zicsr_zifencei",
        2,
        RAM_BASE,
        ramSize,
        List.of(
            new MachineShape.Device("uart", 0),
            new MachineShape.Device("plic", 0),
            new MachineShape.Device("hart", 0),
            new MachineShape.Device("hart", 1)));
  }

  static MachineShape shape() {
    return shape(1024L << 20);
  }

  /** A handler that records what it was given. */
  static final class Recording implements SectionHandler {
    final String name;
    final int minimum;
    final int current;
    final boolean live;
    final List<String> loads;

    Recording(String name, int minimum, int current, boolean live, List<String> loads) {
      this.name = name;
      this.minimum = minimum;
      this.current = current;
      this.live = live;
      this.loads = loads;
    }

    @Override
    public int currentVersion() {
      return current;
    }

    @Override
    public int minimumVersion() {
      return minimum;
    }

    @Override
    public boolean live() {
      return live;
    }

    @Override
    public void load(int version, DataInput payload, RecordType type) throws IOException {
      loads.add(name + " " + type + " v" + version + " " + payload.readUTF());
    }
  }

  /** A staging target that counts commits and discards. */
  static final class CountingTarget implements LoadTarget {
    final StagingLoadTarget inner = new StagingLoadTarget();
    final List<String> staged = new ArrayList<>();
    int commits;
    int discards;

    @Override
    public void stage(SectionHandler handler, StreamRecord record) {
      staged.add(record.type() + " " + record.name());
      inner.stage(handler, record);
    }

    @Override
    public void commit() throws IOException {
      commits++;
      inner.commit();
    }

    @Override
    public void discard() {
      discards++;
      inner.discard();
    }
  }

  /** A payload holding one string, which {@link Recording} reads back. */
  static byte[] text(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var out = new java.io.DataOutputStream(bytes)) {
      out.writeUTF(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }
}
