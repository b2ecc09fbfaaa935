package dev.cairn.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an object's state by walking its {@link StateDescription}.
 *
 * <p>Layout, all big-endian: a payload is a u32 byte length and then its body; a body is a u16
 * field count, the fields in declaration order, a u8 subsection count, and each needed subsection
 * as a u8-length UTF-8 name, a u32 version and a payload. Structs are a u32 version and a payload;
 * arrays a u32 element count and the elements. The section's own version is not in the payload:
 * the stream's section header carries it and hands it to {@link StateReader#load}.
 */
public final class StateWriter {

  private StateWriter() {}

  /**
   * Writes {@code object}'s state at {@code description.version()} as one length-prefixed payload.
   * Runs on the thread that owns the object (the vCPU thread, or any thread while it is paused).
   */
  public static <T> void save(StateDescription<T> description, T object, DataOutput out)
      throws IOException {
    byte[] body = body(description, object);
    out.writeInt(body.length);
    out.write(body);
  }

  /** What {@link #save} writes, as bytes. */
  public static <T> byte[] toBytes(StateDescription<T> description, T object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      save(description, object, new DataOutputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** A struct or subsection: its version, then its payload. */
  static <T> void writeVersioned(StateDescription<T> description, T object, DataOutput out)
      throws IOException {
    out.writeInt(description.version());
    save(description, object, out);
  }

  /**
   * The payload {@link #save} writes, without its length prefix, for a container that frames
   * payloads itself (the savevm stream's FULL section); read it back with {@link
   * StateReader#loadBody}.
   */
  public static <T> byte[] body(StateDescription<T> description, T object) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(description.fields.size());
    for (StateField<T> field : description.fields) {
      field.write(object, out);
    }
    List<Subsection<T, ?>> needed = new ArrayList<>();
    for (Subsection<T, ?> sub : description.subsections) {
      if (sub.needed().test(object)) {
        needed.add(sub);
      }
    }
    out.writeByte(needed.size());
    for (Subsection<T, ?> sub : needed) {
      writeSubsection(sub, object, out);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static <T, S> void writeSubsection(Subsection<T, S> sub, T object, DataOutput out)
      throws IOException {
    byte[] name = sub.name().getBytes(StandardCharsets.UTF_8);
    out.writeByte(name.length);
    out.write(name);
    writeVersioned(sub.description(), sub.part().apply(object), out);
  }
}
