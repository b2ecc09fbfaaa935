package dev.cairn.state;

import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A primitive array (byte, int, long or boolean) with a u32 element count in front. A fixed-length
 * array is loaded in place into the object's own array, and a stream with another count is
 * refused; a variable-length array is handed to a setter as a new array.
 */
final class ArrayField<T, A> extends StateField<T> {

  /** Element encodings: bytes and booleans one byte each, ints 4, longs 8, big-endian. */
  enum Element {
    BYTE(1, byte[].class),
    BOOL(1, boolean[].class),
    INT(4, int[].class),
    LONG(8, long[].class);

    final int bytes;
    final Class<?> arrayType;

    Element(int bytes, Class<?> arrayType) {
      this.bytes = bytes;
      this.arrayType = arrayType;
    }
  }

  private final Element element;
  /** The declared length, or -1 for a variable-length array. */
  private final int fixedLength;
  private final Function<T, A> getter;
  /** Null for fixed-length arrays, which are copied into the getter's array. */
  private final BiConsumer<T, A> setter;

  ArrayField(String name, Element element, int fixedLength, Function<T, A> getter,
      BiConsumer<T, A> setter) {
    super(name);
    this.element = element;
    this.fixedLength = fixedLength;
    this.getter = getter;
    this.setter = setter;
  }

  @Override
  void write(T object, DataOutput out) throws IOException {
    Object array = getter.apply(object);
    int n = Array.getLength(array);
    if (fixedLength >= 0 && n != fixedLength) {
      throw new IllegalStateException(
          "field '" + name + "' declared with " + fixedLength + " elements but has " + n);
    }
    out.writeInt(n);
    switch (element) {
      case BYTE -> out.write((byte[]) array);
      case BOOL -> {
        for (boolean b : (boolean[]) array) {
          out.writeByte(b ? 1 : 0);
        }
      }
      case INT -> {
        for (int v : (int[]) array) {
          out.writeInt(v);
        }
      }
      case LONG -> {
        for (long v : (long[]) array) {
          out.writeLong(v);
        }
      }
      default -> throw new AssertionError(element);
    }
  }

  @Override
  Object read(T target, Payload in) throws StateException {
    int n = in.count(element.bytes);
    if (fixedLength >= 0 && n != fixedLength) {
      throw new StateException(
          in.at() + ": stream has " + n + " elements; this build declares " + fixedLength);
    }
    switch (element) {
      case BYTE: {
        byte[] a = new byte[n];
        in.bytes(a);
        return a;
      }
      case BOOL: {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          int b = in.u8();
          if (b > 1) {
            throw new StateException(in.at() + "[" + i + "]: bool has value " + b);
          }
          a[i] = b == 1;
        }
        return a;
      }
      case INT: {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.i32();
        }
        return a;
      }
      case LONG: {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.i64();
        }
        return a;
      }
      default:
        throw new AssertionError(element);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  void apply(T target, Object staged) {
    if (setter != null) {
      setter.accept(target, (A) staged);
    } else {
      System.arraycopy(staged, 0, getter.apply(target), 0, fixedLength);
    }
  }
}
