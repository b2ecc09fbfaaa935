package dev.cairn.migration.stream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sections this build can load, keyed by (name, instance), and which of them a stream must
 * carry. Registration happens while the machine is built; loading only reads it.
 *
 * <p>Reference: QEMU {@code migration/savevm.c} ({@code SaveStateEntry}, {@code
 * register_savevm_live}, {@code find_se}).
 */
public final class SectionRegistry {

  /** One registered section. */
  public record Entry(SectionKey key, SectionHandler handler, boolean required) {}

  private final Map<SectionKey, Entry> entries = new LinkedHashMap<>();

  /** Registers a section every stream must carry (a device's state). */
  public SectionRegistry register(String name, int instance, SectionHandler handler) {
    return add(new SectionKey(name, instance), handler, true);
  }

  /** Registers a section a stream may leave out (the handler keeps its state as it was). */
  public SectionRegistry registerOptional(String name, int instance, SectionHandler handler) {
    return add(new SectionKey(name, instance), handler, false);
  }

  /** The entry for {@code key}, or null when this build does not know the section. */
  public Entry find(SectionKey key) {
    return entries.get(key);
  }

  /** Every entry, in registration order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** Every key, in registration order. */
  public Set<SectionKey> keys() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  private SectionRegistry add(SectionKey key, SectionHandler handler, boolean required) {
    if (key.name().equals(StreamFormat.CONFIGURATION)) {
      throw new IllegalArgumentException("section name 'configuration' is the stream's own");
    }
    if (handler.minimumVersion() > handler.currentVersion() || handler.minimumVersion() < 0) {
      throw new IllegalArgumentException(
          "section "
              + key
              + " declares versions "
              + handler.minimumVersion()
              + " to "
              + handler.currentVersion());
    }
    if (entries.putIfAbsent(key, new Entry(key, handler, required)) != null) {
      throw new IllegalArgumentException("section " + key + " registered twice");
    }
    return this;
  }
}
