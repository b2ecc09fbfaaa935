package dev.cairn.state;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** A nullable string: a u32 length (all ones for null) and that many UTF-8 bytes. */
final class StringField<T> extends StateField<T> {

  private static final int NULL = -1;

  private final Function<T, String> getter;
  private final BiConsumer<T, String> setter;

  StringField(String name, Function<T, String> getter, BiConsumer<T, String> setter) {
    super(name);
    this.getter = getter;
    this.setter = setter;
  }

  @Override
  void write(T object, DataOutput out) throws IOException {
    String s = getter.apply(object);
    if (s == null) {
      out.writeInt(NULL);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** Null decodes to this marker, because a staged null means "absent from the stream". */
  static final Object NULL_STRING = new Object();

  @Override
  Object read(T target, Payload in) throws StateException {
    int n = in.i32();
    if (n == NULL) {
      return NULL_STRING;
    }
    if (n < 0 || n > in.remaining()) {
      throw new StateException(in.at() + ": string length " + (n & 0xFFFF_FFFFL) + " exceeds the "
          + in.remaining() + " bytes left");
    }
    return in.utf8(n);
  }

  @Override
  void apply(T target, Object staged) {
    setter.accept(target, staged == NULL_STRING ? null : (String) staged);
  }
}
