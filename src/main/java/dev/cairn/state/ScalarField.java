package dev.cairn.state;

import java.io.DataOutput;
import java.io.IOException;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * A bool or integer field, carried as a {@code long} between object and stream. Unsigned kinds
 * are zero-extended on load; a bool must be 0 or 1.
 */
final class ScalarField<T> extends StateField<T> {

  /** Encodings on the wire, all big-endian. */
  enum Kind {
    BOOL(1),
    U8(1),
    U16(2),
    U32(4),
    I32(4),
    I64(8);

    final int bytes;

    Kind(int bytes) {
      this.bytes = bytes;
    }
  }

  private final Kind kind;
  private final ToLongFunction<T> getter;
  private final ObjLongConsumer<T> setter;

  ScalarField(String name, Kind kind, ToLongFunction<T> getter, ObjLongConsumer<T> setter) {
    super(name);
    this.kind = kind;
    this.getter = getter;
    this.setter = setter;
  }

  @Override
  void write(T object, DataOutput out) throws IOException {
    long v = getter.applyAsLong(object);
    switch (kind) {
      case BOOL, U8 -> out.writeByte((int) v);
      case U16 -> out.writeShort((int) v);
      case U32, I32 -> out.writeInt((int) v);
      case I64 -> out.writeLong(v);
      default -> throw new AssertionError(kind);
    }
  }

  @Override
  Object read(T target, Payload in) throws StateException {
    switch (kind) {
      case BOOL: {
        int b = in.u8();
        if (b > 1) {
          throw new StateException(in.at() + ": bool has value " + b + "; must be 0 or 1");
        }
        return (long) b;
      }
      case U8:
        return (long) in.u8();
      case U16:
        return (long) in.u16();
      case U32:
        return in.i32() & 0xFFFF_FFFFL;
      case I32:
        return (long) in.i32();
      case I64:
        return in.i64();
      default:
        throw new AssertionError(kind);
    }
  }

  @Override
  void apply(T target, Object staged) {
    setter.accept(target, (Long) staged);
  }
}
