package dev.cairn.state;

import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * A list of parts sharing one {@link StateDescription} (e.g. a device's virtqueues): a u32 count,
 * then each element as a struct. Elements are loaded into the object's existing parts, so the
 * count in the stream must equal the count this object has (its shape comes from configuration,
 * not from the stream).
 */
final class StructArrayField<T, S> extends StateField<T> {

  private final StateDescription<S> description;
  private final Function<T, List<S>> elements;

  StructArrayField(String name, StateDescription<S> description, Function<T, List<S>> elements) {
    super(name);
    this.description = description;
    this.elements = elements;
  }

  @Override
  void write(T object, DataOutput out) throws IOException {
    List<S> parts = elements.apply(object);
    out.writeInt(parts.size());
    for (S part : parts) {
      StateWriter.writeVersioned(description, part, out);
    }
  }

  @Override
  Object read(T target, Payload in) throws StateException {
    List<S> parts = elements.apply(target);
    int n = in.count(8); // each element holds at least its version and its length
    if (n != parts.size()) {
      throw new StateException(
          in.at() + ": stream has " + n + " elements; this object has " + parts.size());
    }
    Staged[] staged = new Staged[n];
    for (int i = 0; i < n; i++) {
      staged[i] = StateReader.decodeVersioned(
          description, parts.get(i), in, in.at() + "[" + i + "] (" + description.name() + ")");
      in.field = name;
    }
    return staged;
  }

  @Override
  void apply(T target, Object staged) {
    List<S> parts = elements.apply(target);
    Staged[] values = (Staged[]) staged;
    for (int i = 0; i < values.length; i++) {
      StateReader.apply(description, parts.get(i), values[i]);
    }
  }
}
