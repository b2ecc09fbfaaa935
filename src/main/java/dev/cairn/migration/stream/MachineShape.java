package dev.cairn.migration.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of a machine, as carried by a stream's configuration section: state can only be loaded
 * into a machine of the same shape, so this is compared before any section is looked at.
 *
 * <p>Reference: QEMU {@code migration/savevm.c} ({@code vmstate_configuration}, which carries the
 * machine type name); {@code docs/stream-format.md}, "The configuration section".
 *
 * @param board the board name ("virt")
 * @param isa the ISA string of every hart ("rv64imafdc_zicsr_zifencei")
 * @param harts how many harts
 * @param ramBase guest-physical address of RAM
 * @param ramSize bytes of RAM
 * @param devices the devices the board has, each with its instance number
 */
public record MachineShape(
    String board, String isa, int harts, long ramBase, long ramSize, List<Device> devices) {

  /** The configuration section's current payload version. */
  public static final int VERSION = 1;

  /** The oldest configuration payload version this build reads. */
  public static final int MINIMUM_VERSION = 1;

  /** One device of the board: its state description's name and instance. */
  public record Device(String name, int instance) {
    @Override
    public String toString() {
      return name + " " + instance;
    }
  }

  public MachineShape {
    devices = List.copyOf(devices);
  }

  /** The payload of the configuration section, in format {@link #VERSION}. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, board);
      writeString(out, isa);
      out.writeInt(harts);
      out.writeLong(ramBase);
      out.writeLong(ramSize);
      out.writeInt(devices.size());
      for (Device device : devices) {
        writeString(out, device.name());
        out.writeInt(device.instance());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a configuration payload.
   *
   * @throws IOException when the payload is shorter than its contents say
   */
  public static MachineShape decode(DataInput in) throws IOException {
    String board = in.readUTF();
    String isa = in.readUTF();
    int harts = in.readInt();
    long ramBase = in.readLong();
    long ramSize = in.readLong();
    int count = in.readInt();
    if (count < 0 || count > 65536) {
      throw new IOException("configuration lists " + Integer.toUnsignedString(count) + " devices");
    }
    List<Device> devices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      devices.add(new Device(in.readUTF(), in.readInt()));
    }
    return new MachineShape(board, isa, harts, ramBase, ramSize, devices);
  }

  /**
   * Every way in which a stream for this shape cannot load into {@code running}, one sentence each;
   * empty when they match. Device order does not matter.
   */
  public List<String> differencesFrom(MachineShape running) {
    List<String> out = new ArrayList<>();
    if (!board.equals(running.board)) {
      out.add("stream is for board '" + board + "'; this VM is '" + running.board + "'");
    }
    if (!isa.equals(running.isa)) {
      out.add("stream is for ISA " + isa + "; this VM has " + running.isa);
    }
    if (harts != running.harts) {
      out.add("stream is for " + harts + " harts; this VM has " + running.harts);
    }
    if (ramSize != running.ramSize) {
      out.add(
          "stream is for "
              + StreamFormat.size(ramSize)
              + " of RAM; this VM has "
              + StreamFormat.size(running.ramSize));
    }
    if (ramBase != running.ramBase) {
      out.add(
          String.format(
              "stream has RAM at 0x%x; this VM has it at 0x%x", ramBase, running.ramBase));
    }
    Set<Device> ours = new LinkedHashSet<>(devices);
    Set<Device> theirs = new LinkedHashSet<>(running.devices);
    for (Device device : ours) {
      if (!theirs.contains(device)) {
        out.add("stream has device " + device + ", which this VM lacks");
      }
    }
    for (Device device : theirs) {
      if (!ours.contains(device)) {
        out.add("this VM has device " + device + ", which the stream lacks");
      }
    }
    return out;
  }

  /**
   * Refuses a stream whose machine differs from {@code running}.
   *
   * @throws StreamException naming every difference
   */
  public void checkLoadableInto(MachineShape running) throws StreamException {
    List<String> differences = differencesFrom(running);
    if (!differences.isEmpty()) {
      throw new StreamException("cannot load into this VM: " + String.join("; ", differences));
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s.getBytes(StandardCharsets.UTF_8).length > 65535) {
      throw new IllegalArgumentException("configuration string too long: " + s.length());
    }
    out.writeUTF(s);
  }
}
