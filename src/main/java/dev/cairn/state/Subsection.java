package dev.cairn.state;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An optional part of a section, written only when {@code needed} says so and tagged by name, so
 * a reader that does not know it refuses the stream by name instead of misreading it.
 *
 * @param <T> the section's type
 * @param <S> the type the subsection describes (often T itself)
 */
record Subsection<T, S>(StateDescription<S> description, Function<T, S> part, Predicate<T> needed) {

  String name() {
    return description.name();
  }
}
