package dev.cairn.state;

import java.io.DataOutput;
import java.io.IOException;

/**
 * One declared field of a {@link StateDescription}: how to write it from an object, decode it
 * into a staged value without touching the object, and apply the staged value afterwards.
 *
 * @param <T> the type whose state this field is part of
 */
abstract class StateField<T> {

  final String name;
  /** First description version whose streams carry this field. */
  int sinceVersion = 1;
  /** Optional test of a decoded value against the (unmodified) target; null accepts everything. */
  ValueCheck<T> check;
  String rule;

  /** Tests a decoded value before anything is applied. */
  interface ValueCheck<T> {
    boolean accepts(T target, Object value);
  }

  StateField(String name) {
    this.name = name;
  }

  boolean presentIn(int version) {
    return version >= sinceVersion;
  }

  abstract void write(T object, DataOutput out) throws IOException;

  /** Decodes this field; must not modify {@code target} (it only reads it to check sizes). */
  abstract Object read(T target, Payload in) throws StateException;

  abstract void apply(T target, Object staged);

  /** Decodes and runs the field's check. */
  final Object decode(T target, Payload in) throws StateException {
    in.field = name;
    Object value = read(target, in);
    if (check != null && !check.accepts(target, value)) {
      throw new StateException(in.at() + ": value " + show(value) + " refused (" + rule + ")");
    }
    in.field = null;
    return value;
  }

  private static String show(Object value) {
    if (value instanceof Long l) {
      return "0x" + Long.toHexString(l);
    }
    if (value != null && value.getClass().isArray()) {
      return "array of " + java.lang.reflect.Array.getLength(value);
    }
    return String.valueOf(value);
  }
}
