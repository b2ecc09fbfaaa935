package dev.cairn.state;

import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Function;

/**
 * A part of the object described by its own {@link StateDescription}, written as its version and
 * a length-prefixed payload so that it can evolve on its own version numbers.
 */
final class StructField<T, S> extends StateField<T> {

  private final StateDescription<S> description;
  private final Function<T, S> part;

  StructField(String name, StateDescription<S> description, Function<T, S> part) {
    super(name);
    this.description = description;
    this.part = part;
  }

  @Override
  void write(T object, DataOutput out) throws IOException {
    StateWriter.writeVersioned(description, part.apply(object), out);
  }

  @Override
  Object read(T target, Payload in) throws StateException {
    return StateReader.decodeVersioned(
        description, part.apply(target), in, in.at() + " (" + description.name() + ")");
  }

  @Override
  void apply(T target, Object staged) {
    StateReader.apply(description, part.apply(target), (Staged) staged);
  }
}
