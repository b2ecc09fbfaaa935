package dev.cairn.hw.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a flattened device tree blob (DTB), version 17, compatible back to 16.
 *
 * <p>Reference: Devicetree Specification v0.4, chapter 5 "Flattened Devicetree (DTB) Format":
 * 5.2 header, 5.3 memory reservation block, 5.4 structure block, 5.5 strings block. All values
 * are big-endian; the structure block is padded to 4 bytes after every name and value.
 *
 * <p>Nodes are written in the order they are begun, which is the order the guest walks them.
 */
public final class FdtBuilder {

  static final int MAGIC = 0xd00dfeed;
  static final int VERSION = 17;
  static final int LAST_COMPATIBLE_VERSION = 16;
  static final int HEADER_SIZE = 40;

  static final int FDT_BEGIN_NODE = 1;
  static final int FDT_END_NODE = 2;
  static final int FDT_PROP = 3;
  static final int FDT_END = 9;

  private final ByteArrayOutputStream structure = new ByteArrayOutputStream();
  private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
  private final Map<String, Integer> stringOffsets = new HashMap<>();
  private final List<long[]> reservations = new ArrayList<>();
  private int depth;
  private boolean rootDone;
  private int nextPhandle = 1;
  private int bootCpuId;

  /** Opens a node; the first one must be the root, named "". */
  public FdtBuilder beginNode(String name) {
    if (rootDone) {
      throw new IllegalStateException("the root node is already closed");
    }
    if (depth == 0 && !name.isEmpty()) {
      throw new IllegalStateException("the first node must be the root (\"\")");
    }
    if (depth > 0 && name.isEmpty()) {
      throw new IllegalArgumentException("only the root node has an empty name");
    }
    putInt(FDT_BEGIN_NODE);
    putStringPadded(name);
    depth++;
    return this;
  }

  public FdtBuilder endNode() {
    if (depth == 0) {
      throw new IllegalStateException("endNode without beginNode");
    }
    putInt(FDT_END_NODE);
    depth--;
    if (depth == 0) {
      rootDone = true;
    }
    return this;
  }

  /** A property with a raw value. */
  public FdtBuilder property(String name, byte[] value) {
    if (depth == 0) {
      throw new IllegalStateException("property " + name + " outside a node");
    }
    putInt(FDT_PROP);
    putInt(value.length);
    putInt(stringOffset(name));
    structure.write(value, 0, value.length);
    pad();
    return this;
  }

  /** A property of 32-bit cells. */
  public FdtBuilder propertyU32(String name, int... cells) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * cells.length);
    for (int cell : cells) {
      buffer.putInt(cell);
    }
    return property(name, buffer.array());
  }

  /** A property of 64-bit values (each as two cells, high first). */
  public FdtBuilder propertyU64(String name, long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length);
    for (long value : values) {
      buffer.putLong(value);
    }
    return property(name, buffer.array());
  }

  /**
   * A property of addresses and sizes in a parent with {@code #address-cells = #size-cells = 2},
   * such as {@code reg = <base size>}: each value becomes a 2-cell pair.
   */
  public FdtBuilder propertyCells(String name, long... values) {
    return propertyU64(name, values);
  }

  /** A NUL-terminated string. */
  public FdtBuilder propertyString(String name, String value) {
    return propertyStrings(name, value);
  }

  /** A string list: each string NUL-terminated, back to back (e.g. compatible). */
  public FdtBuilder propertyStrings(String name, String... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String value : values) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
      out.write(0);
    }
    return property(name, out.toByteArray());
  }

  /** A property with no value, a boolean (e.g. interrupt-controller). */
  public FdtBuilder propertyEmpty(String name) {
    return property(name, new byte[0]);
  }

  /** Returns a fresh phandle (1, 2, ...); write it with {@code propertyU32("phandle", p)}. */
  public int allocatePhandle() {
    return nextPhandle++;
  }

  /** Adds an entry to the memory reservation block. */
  public FdtBuilder addMemoryReservation(long address, long size) {
    reservations.add(new long[] {address, size});
    return this;
  }

  public FdtBuilder setBootCpuId(int id) {
    this.bootCpuId = id;
    return this;
  }

  /** Closes the structure block and returns the whole blob. */
  public byte[] finish() {
    if (!rootDone || depth != 0) {
      throw new IllegalStateException("unbalanced nodes: the root node is not closed");
    }
    putInt(FDT_END);
    byte[] struct = structure.toByteArray();
    byte[] strs = strings.toByteArray();

    int offRsvmap = HEADER_SIZE; // 8-byte aligned, as 5.3 requires
    int offStruct = offRsvmap + 16 * (reservations.size() + 1);
    int offStrings = offStruct + struct.length;
    int total = offStrings + strs.length;

    ByteBuffer blob = ByteBuffer.allocate(total); // big-endian by default
    blob.putInt(MAGIC);
    blob.putInt(total);
    blob.putInt(offStruct);
    blob.putInt(offStrings);
    blob.putInt(offRsvmap);
    blob.putInt(VERSION);
    blob.putInt(LAST_COMPATIBLE_VERSION);
    blob.putInt(bootCpuId);
    blob.putInt(strs.length);
    blob.putInt(struct.length);
    for (long[] r : reservations) {
      blob.putLong(r[0]);
      blob.putLong(r[1]);
    }
    blob.putLong(0);
    blob.putLong(0);
    blob.put(struct);
    blob.put(strs);
    return blob.array();
  }

  private int stringOffset(String name) {
    Integer offset = stringOffsets.get(name);
    if (offset == null) {
      offset = strings.size();
      byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
      strings.write(bytes, 0, bytes.length);
      strings.write(0);
      stringOffsets.put(name, offset);
    }
    return offset;
  }

  private void putInt(int value) {
    structure.write(value >>> 24);
    structure.write(value >>> 16);
    structure.write(value >>> 8);
    structure.write(value);
  }

  private void putStringPadded(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    structure.write(bytes, 0, bytes.length);
    structure.write(0);
    pad();
  }

  private void pad() {
    while (structure.size() % 4 != 0) {
      structure.write(0);
    }
  }
}
