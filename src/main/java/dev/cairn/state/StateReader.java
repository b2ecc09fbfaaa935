package dev.cairn.state;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Loads an object's state by walking its {@link StateDescription}; the layout is the one {@link
 * StateWriter} documents.
 *
 * <p>Loading is in two phases: the whole payload, subsections and nested structs included, is
 * decoded and checked into a staging tree first, and only then applied and followed by the
 * {@code postLoad} hooks (innermost first). So a refused stream leaves the object untouched.
 * Fields the stream's version does not carry, and subsections it omits, keep the object's values:
 * load into a freshly reset object.
 */
public final class StateReader {

  /** Largest payload accepted; device state is small, so a bigger length means corruption. */
  public static final int MAX_PAYLOAD = 64 << 20;

  private StateReader() {}

  /**
   * Reads one payload written at {@code streamVersion} (from the stream's section header) into
   * {@code object}.
   *
   * @throws StateException if the version is outside {@code minimumVersion..version}, the payload
   *     is truncated or does not match the declaration, a subsection is unknown, or a value is
   *     refused; the object is then unchanged
   * @throws IOException if {@code in} itself fails
   */
  public static <T> void load(
      StateDescription<T> description, T object, DataInput in, int streamVersion)
      throws IOException {
    String where = "section '" + description.name() + "'";
    checkVersion(description, streamVersion, where);
    Payload payload = new Payload(readPayload(in, where), where);
    Staged staged = decodeBody(description, object, payload, streamVersion);
    apply(description, object, staged);
  }

  /** {@link #load} from the bytes {@link StateWriter#toBytes} produced. */
  public static <T> void fromBytes(
      StateDescription<T> description, T object, byte[] bytes, int streamVersion)
      throws StateException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      load(description, object, in, streamVersion);
      if (in.available() > 0) {
        throw new StateException("section '" + description.name() + "': " + in.available()
            + " bytes follow the payload");
      }
    } catch (StateException e) {
      throw e;
    } catch (IOException e) {
      throw new StateException("section '" + description.name() + "': " + e.getMessage(), e);
    }
  }

  /**
   * {@link #load} of a payload whose length the container already framed ({@link
   * StateWriter#body}); trailing bytes are refused like any layout mismatch.
   */
  public static <T> void loadBody(
      StateDescription<T> description, T object, byte[] body, int streamVersion)
      throws StateException {
    String where = "section '" + description.name() + "'";
    checkVersion(description, streamVersion, where);
    Staged staged = decodeBody(description, object, new Payload(body, where), streamVersion);
    apply(description, object, staged);
  }

  private static byte[] readPayload(DataInput in, String where) throws IOException {
    long length;
    try {
      length = in.readInt() & 0xFFFF_FFFFL;
    } catch (EOFException e) {
      throw new StateException(where + ": payload truncated before its length", e);
    }
    if (length > MAX_PAYLOAD) {
      throw new StateException(
          where + ": payload length " + length + " exceeds the limit of " + MAX_PAYLOAD);
    }
    byte[] bytes = new byte[(int) length];
    try {
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new StateException(
          where + ": payload truncated (" + length + " bytes promised, stream ended early)", e);
    }
    return bytes;
  }

  static void checkVersion(StateDescription<?> description, int version, String where)
      throws StateException {
    if (version > description.version() || version < description.minimumVersion()) {
      throw new StateException(where + " has version " + version + "; this build reads versions "
          + description.minimumVersion() + " to " + description.version());
    }
  }

  /** A struct or subsection inside {@code parent}: its version, then its payload. */
  static <S> Staged decodeVersioned(
      StateDescription<S> description, S target, Payload parent, String where)
      throws StateException {
    int version = parent.i32();
    checkVersion(description, version, where);
    return decodeBody(description, target, parent.block(where), version);
  }

  private static <T> Staged decodeBody(
      StateDescription<T> description, T target, Payload in, int version) throws StateException {
    int count = in.u16();
    int expected = 0;
    for (StateField<T> f : description.fields) {
      expected += f.presentIn(version) ? 1 : 0;
    }
    if (count != expected) {
      throw new StateException(in.where + " version " + version + " carries " + count
          + " fields; this build expects " + expected + " for that version");
    }
    Staged staged = new Staged(version, description.fields.size());
    for (int i = 0; i < description.fields.size(); i++) {
      StateField<T> field = description.field(i);
      if (field.presentIn(version)) {
        staged.values[i] = field.decode(target, in);
      }
    }
    int subsections = in.u8();
    for (int i = 0; i < subsections; i++) {
      String name = in.utf8(in.u8());
      Subsection<T, ?> sub = find(description, name);
      if (sub == null) {
        throw new StateException(in.where + " has subsection '" + name
            + "' that this build does not know (known: " + description.subsectionNames() + ")");
      }
      if (staged.subsections.containsKey(name)) {
        throw new StateException(in.where + " has subsection '" + name + "' twice");
      }
      staged.subsections.put(name, decodeSubsection(sub, target, in));
    }
    if (in.remaining() != 0) {
      throw new StateException(in.where + " version " + version + ": " + in.remaining()
          + " bytes left after the last field; the payload does not match this build's layout");
    }
    return staged;
  }

  private static <T, S> Staged decodeSubsection(Subsection<T, S> sub, T target, Payload in)
      throws StateException {
    return decodeVersioned(sub.description(), sub.part().apply(target), in,
        in.where + " subsection '" + sub.name() + "'");
  }

  private static <T> Subsection<T, ?> find(StateDescription<T> description, String name) {
    for (Subsection<T, ?> sub : description.subsections) {
      if (sub.name().equals(name)) {
        return sub;
      }
    }
    return null;
  }

  /** Second phase: stores every staged value, then runs the post-load hooks. */
  static <T> void apply(StateDescription<T> description, T object, Staged staged) {
    for (int i = 0; i < description.fields.size(); i++) {
      if (staged.values[i] != null) {
        description.field(i).apply(object, staged.values[i]);
      }
    }
    for (Subsection<T, ?> sub : description.subsections) {
      Staged s = staged.subsections.get(sub.name());
      if (s != null) {
        applySubsection(sub, object, s);
      }
    }
    description.postLoad.postLoad(object, staged.version);
  }

  private static <T, S> void applySubsection(Subsection<T, S> sub, T object, Staged staged) {
    apply(sub.description(), sub.part().apply(object), staged);
  }
}
