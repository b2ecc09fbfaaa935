package dev.cairn.migration;

import dev.cairn.hw.fdt.VirtDeviceTree;
import dev.cairn.machine.Machine;
import dev.cairn.block.DriveRegistry;
import dev.cairn.machine.StateSection;
import dev.cairn.memory.GuestRam;
import dev.cairn.migration.disk.DiskLoader;
import dev.cairn.migration.disk.DiskSection;
import dev.cairn.migration.disk.DiskSectionException;
import dev.cairn.migration.ram.RamLoader;
import dev.cairn.migration.ram.RamSaver;
import dev.cairn.migration.ram.RamSectionException;
import dev.cairn.migration.stream.MachineShape;
import dev.cairn.migration.stream.RecordType;
import dev.cairn.migration.stream.LoadTarget;
import dev.cairn.migration.stream.SectionHandler;
import dev.cairn.migration.stream.SectionRegistry;
import dev.cairn.migration.stream.StagedLoad;
import dev.cairn.migration.stream.StagingLoadTarget;
import dev.cairn.migration.stream.StreamException;
import dev.cairn.migration.stream.StreamLoader;
import dev.cairn.migration.stream.StreamRecord;
import dev.cairn.migration.stream.StreamWriter;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A whole VM as one savevm stream, with the VM stopped: configuration, the RAM section (START
 * with its header, PARTs of pages, END), then one FULL section per {@link StateSection}. This is
 * the stop-the-world half of savevm/loadvm; the live save interleaves the same sections with the
 * guest running.
 */
public final class VmStateStream {

  /** Version of the RAM section's encoding ({@link RamSaver}). */
  public static final int RAM_VERSION = 1;
  /**
   * RAM PART payload size. Kept well under G1's humongous-object threshold (half a heap region,
   * 512 KiB at the smallest region size): larger records made every chunk, on both sides, a
   * humongous allocation, and the collections they forced dominated a 2 GiB load.
   */
  public static final int CHUNK_BYTES = 256 << 10;

  private VmStateStream() {}

  /** The shape a stream of {@code machine} carries and a loading machine must have. */
  public static MachineShape shapeOf(Machine machine) {
    List<MachineShape.Device> devices = new ArrayList<>();
    for (StateSection<?> section : machine.stateSections()) {
      devices.add(new MachineShape.Device(section.name(), section.instance()));
    }
    return new MachineShape("virt", VirtDeviceTree.ISA, 1, machine.ram().base(),
        machine.ram().size(), devices);
  }

  /**
   * Writes the whole state of {@code machine}, which must be paused (its vCPU stopped), to
   * {@code out}. Does not close {@code out}.
   */
  public static void save(Machine machine, OutputStream out) throws IOException {
    StreamWriter writer = new StreamWriter(out);
    writer.writeHeader();
    writer.beginConfiguration(shapeOf(machine));
    writeRam(machine.ram(), writer);
    writeDeviceState(machine, writer);
    writer.finish();
    out.flush();
  }

  /** Writes the RAM section, every page, in one go: the RAM must not change meanwhile. */
  static void writeRam(GuestRam guestRam, StreamWriter writer) throws IOException {
    RamSaver ram = new RamSaver(guestRam);
    try {
      int id = writer.startSection("ram", 0, RAM_VERSION, ram.setup());
      int length;
      while ((length = ram.fillChunk(CHUNK_BYTES)) > 0) {
        writer.partSection(id, ram.chunkBuffer(), length);
      }
      writer.endSection(id, new byte[0]);
    } finally {
      ram.finish();
    }
  }

  /**
   * Writes one FULL section per {@link Machine#stateSections()} entry, in restore order. The vCPU
   * must be stopped. Serves the stop-the-world save and the final pause of a live save alike.
   */
  public static void writeDeviceState(Machine machine, StreamWriter writer) throws IOException {
    for (StateSection<?> section : machine.stateSections()) {
      writer.fullSection(section.name(), section.instance(), section.version(), section.save());
    }
  }

  /**
   * Reads a stream written by {@link #save} into {@code machine}, which must be paused. The whole
   * stream is read and checked first (magic, format and section versions, CRCs, machine shape,
   * every section present); only then is anything applied, so a refused stream leaves the VM as
   * it was.
   *
   * @throws StreamException naming what is wrong with the stream
   */
  public static void load(Machine machine, InputStream in) throws IOException {
    StreamLoader loader = loaderFor(machine);
    StagedLoad staged = loader.stage(in, new StagingLoadTarget());
    staged.commit();
  }

  /** Opens a stream again from its start (a file). */
  @FunctionalInterface
  public interface Reopenable {
    InputStream open() throws IOException;
  }

  /**
   * As {@link #load(Machine, InputStream)}, for a stream that can be read twice (a snapshot
   * file): the first pass checks everything and keeps nothing, the second applies each record as
   * it is read. Nothing is held in memory, so loading takes no more heap than the VM's own RAM.
   * The file must not change between the passes (snapshot files are written once, atomically).
   */
  public static void load(Machine machine, Reopenable source) throws IOException {
    checkThenApply(loaderFor(machine), source);
  }

  /**
   * Loads a stream as it arrives (an incoming migration) into {@code machine}, which has not
   * started: each record is checked and applied at once, so nothing is held back in the heap. The
   * configuration is checked before anything is applied.
   *
   * @throws StreamException naming what is wrong with the stream; the machine then holds a partial
   *     state and must never run (the caller discards it)
   */
  public static void loadIncoming(Machine machine, InputStream in) throws IOException {
    loaderFor(machine).stage(in, new ApplyingTarget()).commit();
  }

  private static StreamLoader loaderFor(Machine machine) {
    SectionRegistry registry = ramOnlyRegistry(machine.ram());
    for (StateSection<?> section : machine.stateSections()) {
      registry.register(section.name(), section.instance(), new StateHandler(section));
    }
    // A storage migration (migrate -b) adds one "block" section per writable drive; a stream
    // without them (savevm, migration on shared storage) leaves the drives alone.
    List<DriveRegistry.Drive> drives = machine.drives().drives();
    for (int i = 0; i < drives.size(); i++) {
      DiskLoader disk = new DiskLoader(drives.get(i));
      registry.registerOptional(DiskSection.NAME, i, new DiskHandler(disk));
    }
    return new StreamLoader(registry, shapeOf(machine));
  }

  /** A registry of the RAM section alone, loading into {@code ram}; callers add the devices. */
  static SectionRegistry ramOnlyRegistry(GuestRam ram) {
    SectionRegistry registry = new SectionRegistry();
    registry.register("ram", 0, new RamHandler(new RamLoader(ram)));
    return registry;
  }

  /**
   * Reads {@code source} twice as {@link #load(Machine, Reopenable)} does, with {@code loader}:
   * checks everything, then applies.
   */
  static void checkThenApply(StreamLoader loader, Reopenable source) throws IOException {
    try (InputStream in = source.open()) {
      loader.check(in);
    }
    try (InputStream in = source.open()) {
      loader.stage(in, new ApplyingTarget()).commit();
    }
  }

  /** Second pass, after a clean first one: each record is applied as soon as it is read. */
  private static final class ApplyingTarget implements LoadTarget {
    @Override
    public void stage(SectionHandler handler, StreamRecord record) throws IOException {
      handler.load(record.version(), record.requirePayload(), (int) record.payloadLength(),
          record.type());
    }

    @Override
    public void commit() {}

    @Override
    public void discard() {}

    @Override
    public boolean consumesPayloadsAtOnce() {
      return true;
    }
  }

  /** Applies the RAM section's header and page chunks. */
  private static final class RamHandler implements SectionHandler {
    private final RamLoader loader;

    RamHandler(RamLoader loader) {
      this.loader = loader;
    }

    @Override
    public int currentVersion() {
      return RAM_VERSION;
    }

    @Override
    public int minimumVersion() {
      return RAM_VERSION;
    }

    @Override
    public boolean live() {
      return true;
    }

    @Override
    public void load(int version, DataInput payload, RecordType type) throws IOException {
      if (!(payload instanceof DataInputStream stream)) {
        throw new IllegalArgumentException("the RAM section needs its payload as a stream");
      }
      byte[] bytes = stream.readAllBytes();
      load(version, bytes, bytes.length, type);
    }

    @Override
    public void load(int version, byte[] payload, int length, RecordType type)
        throws IOException {
      try {
        if (type == RecordType.START) {
          loader.loadHeader(Arrays.copyOf(payload, length));
        } else {
          loader.loadChunk(payload, length);
        }
      } catch (RamSectionException e) {
        throw new StreamException("section 'ram': " + e.getMessage());
      }
    }
  }

  /** Writes a storage migration's blocks into the matching drive. */
  private static final class DiskHandler implements SectionHandler {
    private final DiskLoader loader;

    DiskHandler(DiskLoader loader) {
      this.loader = loader;
    }

    @Override
    public int currentVersion() {
      return DiskSection.VERSION;
    }

    @Override
    public int minimumVersion() {
      return DiskSection.VERSION;
    }

    @Override
    public boolean live() {
      return true;
    }

    @Override
    public void load(int version, DataInput payload, RecordType type) throws IOException {
      try {
        switch (type) {
          case START -> loader.loadHeader(payload);
          case END -> loader.finish();
          default -> loader.loadChunk(payload);
        }
      } catch (DiskSectionException e) {
        throw new StreamException("section 'block': " + e.getMessage());
      }
    }
  }

  /** Applies one device's FULL section through its state description. */
  private static final class StateHandler implements SectionHandler {
    private final StateSection<?> section;

    StateHandler(StateSection<?> section) {
      this.section = section;
    }

    @Override
    public int currentVersion() {
      return section.version();
    }

    @Override
    public int minimumVersion() {
      return section.minimumVersion();
    }

    @Override
    public boolean live() {
      return false;
    }

    @Override
    public void load(int version, DataInput payload, RecordType type) throws IOException {
      section.load(payload, version);
    }
  }
}
