package dev.cairn.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The saved state of one kind of object, declared once: a name, the version this build writes,
 * the oldest version it still reads, ordered fields, optional named subsections, and a {@code
 * postLoad} hook that recomputes derived state. {@link StateWriter} and {@link StateReader} walk
 * it; nothing else encodes device state.
 *
 * <p>Adding a field means bumping {@code version} and declaring the field {@link
 * Builder#since(int) since} that version; loading an older stream leaves such a field as the
 * object had it (callers load into a freshly reset machine, as QEMU does) or lets {@code
 * postLoad} compute it from {@code fromVersion}.
 *
 * <p>Reference: QEMU {@code include/migration/vmstate.h} (VMStateDescription: version_id,
 * minimum_version_id, fields, subsections with needed(), post_load).
 *
 * @param <T> the type whose state is described
 */
public final class StateDescription<T> {

  /** Recomputes derived state after a load; {@code fromVersion} is the stream's version. */
  @FunctionalInterface
  public interface PostLoad<T> {
    void postLoad(T object, int fromVersion);
  }

  /** Stores a decoded bool. */
  @FunctionalInterface
  public interface BoolSetter<T> {
    void set(T object, boolean value);
  }

  /** Tests a decoded integer against the object it will be loaded into (not yet modified). */
  @FunctionalInterface
  public interface LongCheck<T> {
    boolean accepts(T target, long value);
  }

  /** Tests one decoded array element, knowing its index. */
  @FunctionalInterface
  public interface ElementCheck {
    boolean accepts(int index, long value);
  }

  private final String name;
  private final int version;
  private final int minimumVersion;
  final List<StateField<T>> fields;
  final List<Subsection<T, ?>> subsections;
  final PostLoad<T> postLoad;

  private StateDescription(Builder<T> b) {
    this.name = b.name;
    this.version = b.version;
    this.minimumVersion = b.minimumVersion;
    this.fields = List.copyOf(b.fields);
    this.subsections = List.copyOf(b.subsections);
    this.postLoad = b.postLoad;
  }

  /** Starts a description of {@code type}'s state under {@code name} (unique in a stream). */
  public static <T> Builder<T> builder(String name, Class<T> type) {
    return new Builder<>(name);
  }

  public String name() {
    return name;
  }

  /** The version this build writes. */
  public int version() {
    return version;
  }

  /** The oldest version this build reads. */
  public int minimumVersion() {
    return minimumVersion;
  }

  /** Field names in stream order, for tools that print a stream. */
  public List<String> fieldNames() {
    return fields.stream().map(f -> f.name).toList();
  }

  /** Subsection names, for tools that print a stream. */
  public List<String> subsectionNames() {
    return subsections.stream().map(Subsection::name).toList();
  }

  StateField<T> field(int index) {
    return fields.get(index);
  }

  /** Collects fields in stream order; {@link #since} and {@link #check} refine the last one. */
  public static final class Builder<T> {

    private final String name;
    private int version = 1;
    private int minimumVersion = 1;
    private final List<StateField<T>> fields = new ArrayList<>();
    private final List<Subsection<T, ?>> subsections = new ArrayList<>();
    private PostLoad<T> postLoad = (object, fromVersion) -> {};

    private Builder(String name) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("a state description needs a name");
      }
      this.name = name;
    }

    public Builder<T> version(int version) {
      this.version = version;
      return this;
    }

    public Builder<T> minimumVersion(int minimumVersion) {
      this.minimumVersion = minimumVersion;
      return this;
    }

    public Builder<T> bool(String field, Predicate<T> get, BoolSetter<T> set) {
      return add(new ScalarField<>(field, ScalarField.Kind.BOOL,
          o -> get.test(o) ? 1 : 0, (o, v) -> set.set(o, v != 0)));
    }

    public Builder<T> u8(String field, ToIntFunction<T> get, ObjIntConsumer<T> set) {
      return add(new ScalarField<>(field, ScalarField.Kind.U8,
          get::applyAsInt, (o, v) -> set.accept(o, (int) v)));
    }

    public Builder<T> u16(String field, ToIntFunction<T> get, ObjIntConsumer<T> set) {
      return add(new ScalarField<>(field, ScalarField.Kind.U16,
          get::applyAsInt, (o, v) -> set.accept(o, (int) v)));
    }

    public Builder<T> i32(String field, ToIntFunction<T> get, ObjIntConsumer<T> set) {
      return add(new ScalarField<>(field, ScalarField.Kind.I32,
          get::applyAsInt, (o, v) -> set.accept(o, (int) v)));
    }

    /** An unsigned 32-bit value kept in a {@code long} (loaded zero-extended). */
    public Builder<T> u32(String field, ToLongFunction<T> get, ObjLongConsumer<T> set) {
      return add(new ScalarField<>(field, ScalarField.Kind.U32, get, set));
    }

    public Builder<T> i64(String field, ToLongFunction<T> get, ObjLongConsumer<T> set) {
      return add(new ScalarField<>(field, ScalarField.Kind.I64, get, set));
    }

    /** Same encoding as {@link #i64}; reads better for registers and addresses. */
    public Builder<T> u64(String field, ToLongFunction<T> get, ObjLongConsumer<T> set) {
      return i64(field, get, set);
    }

    /** A nullable UTF-8 string. */
    public Builder<T> string(String field, Function<T, String> get, BiConsumer<T, String> set) {
      return add(new StringField<>(field, get, set));
    }

    /** A byte array of exactly {@code length} elements, loaded into the getter's array. */
    public Builder<T> bytes(String field, int length, Function<T, byte[]> array) {
      return add(new ArrayField<>(field, ArrayField.Element.BYTE, fixed(length), array, null));
    }

    /** A byte array of any length, handed to {@code set} as a new array. */
    public Builder<T> bytes(String field, Function<T, byte[]> get, BiConsumer<T, byte[]> set) {
      return add(new ArrayField<>(field, ArrayField.Element.BYTE, -1, get, set));
    }

    public Builder<T> bools(String field, int length, Function<T, boolean[]> array) {
      return add(new ArrayField<>(field, ArrayField.Element.BOOL, fixed(length), array, null));
    }

    public Builder<T> bools(
        String field, Function<T, boolean[]> get, BiConsumer<T, boolean[]> set) {
      return add(new ArrayField<>(field, ArrayField.Element.BOOL, -1, get, set));
    }

    public Builder<T> i32s(String field, int length, Function<T, int[]> array) {
      return add(new ArrayField<>(field, ArrayField.Element.INT, fixed(length), array, null));
    }

    public Builder<T> i32s(String field, Function<T, int[]> get, BiConsumer<T, int[]> set) {
      return add(new ArrayField<>(field, ArrayField.Element.INT, -1, get, set));
    }

    public Builder<T> i64s(String field, int length, Function<T, long[]> array) {
      return add(new ArrayField<>(field, ArrayField.Element.LONG, fixed(length), array, null));
    }

    public Builder<T> i64s(String field, Function<T, long[]> get, BiConsumer<T, long[]> set) {
      return add(new ArrayField<>(field, ArrayField.Element.LONG, -1, get, set));
    }

    /** A part of the object with its own description (and its own version numbers). */
    public <S> Builder<T> struct(
        String field, StateDescription<S> description, Function<T, S> part) {
      return add(new StructField<>(field, description, part));
    }

    /** The object's existing parts, each by {@code description}; the count must match on load. */
    public <S> Builder<T> structs(
        String field, StateDescription<S> description, Function<T, List<S>> parts) {
      return add(new StructArrayField<>(field, description, parts));
    }

    /** Marks the last field as added in {@code version}: streams before it do not carry it. */
    public Builder<T> since(int version) {
      last().sinceVersion = version;
      return this;
    }

    /**
     * Refuses a stream whose value for the last (integer or bool) field fails {@code check};
     * {@code rule} says what is allowed, for the message.
     */
    public Builder<T> check(LongCheck<T> check, String rule) {
      last().check = (target, value) -> check.accepts(target, (Long) value);
      last().rule = rule;
      return this;
    }

    /** Refuses a stream in which any element of the last (array) field fails {@code check}. */
    public Builder<T> checkElements(ElementCheck check, String rule) {
      last().check = (target, value) -> {
        int n = java.lang.reflect.Array.getLength(value);
        for (int i = 0; i < n; i++) {
          Object e = java.lang.reflect.Array.get(value, i);
          long v = e instanceof Boolean b ? (b ? 1 : 0) : ((Number) e).longValue();
          if (!check.accepts(i, v)) {
            return false;
          }
        }
        return true;
      };
      last().rule = rule;
      return this;
    }

    /** A subsection describing the object itself, written when {@code needed} is true. */
    public Builder<T> subsection(StateDescription<T> description, Predicate<T> needed) {
      return subsection(description, o -> o, needed);
    }

    /** A subsection describing a part of the object, written when {@code needed} is true. */
    public <S> Builder<T> subsection(
        StateDescription<S> description, Function<T, S> part, Predicate<T> needed) {
      subsections.add(new Subsection<>(description, part, needed));
      return this;
    }

    public Builder<T> postLoad(PostLoad<T> postLoad) {
      this.postLoad = postLoad;
      return this;
    }

    /** Checks the declaration (unique names, versions in order) and freezes it. */
    public StateDescription<T> build() {
      if (minimumVersion < 1 || minimumVersion > version) {
        throw new IllegalArgumentException("section '" + name + "': minimum version "
            + minimumVersion + " must be between 1 and version " + version);
      }
      Set<String> names = new HashSet<>();
      for (StateField<T> f : fields) {
        if (!names.add(f.name)) {
          throw new IllegalArgumentException(
              "section '" + name + "' declares field '" + f.name + "' twice");
        }
        if (f.sinceVersion < 1 || f.sinceVersion > version) {
          throw new IllegalArgumentException("section '" + name + "' field '" + f.name
              + "' is since version " + f.sinceVersion + " but the section is version " + version);
        }
      }
      Set<String> subNames = new HashSet<>();
      for (Subsection<T, ?> s : subsections) {
        if (s.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
          throw new IllegalArgumentException("section '" + name + "': subsection name '"
              + s.name() + "' is longer than 255 bytes");
        }
        if (!subNames.add(s.name())) {
          throw new IllegalArgumentException(
              "section '" + name + "' declares subsection '" + s.name() + "' twice");
        }
      }
      return new StateDescription<>(this);
    }

    private Builder<T> add(StateField<T> field) {
      fields.add(field);
      return this;
    }

    private StateField<T> last() {
      if (fields.isEmpty()) {
        throw new IllegalStateException("section '" + name + "': no field to refine yet");
      }
      return fields.get(fields.size() - 1);
    }

    private int fixed(int length) {
      if (length < 0) {
        throw new IllegalArgumentException("section '" + name + "': negative array length");
      }
      return length;
    }
  }
}
