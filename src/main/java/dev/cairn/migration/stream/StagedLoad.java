package dev.cairn.migration.stream;

import java.io.IOException;
import java.util.List;

/**
 * A stream that was read to {@code EOF} and passed every check, its records staged in a {@link
 * LoadTarget} but not yet applied. The caller pauses the VM, then calls {@link #commit()}.
 *
 * <p>Reference: {@code docs/stream-format.md}, "Loading".
 */
public final class StagedLoad {

  private final LoadTarget target;
  private final MachineShape configuration;
  private final List<SectionKey> sections;
  private final long bytes;
  private boolean committed;

  StagedLoad(LoadTarget target, MachineShape configuration, List<SectionKey> sections, long bytes) {
    this.target = target;
    this.configuration = configuration;
    this.sections = List.copyOf(sections);
    this.bytes = bytes;
  }

  /** The machine the stream was written for (equal in shape to the running one). */
  public MachineShape configuration() {
    return configuration;
  }

  /** The sections the stream carried, in the order they first appeared. */
  public List<SectionKey> sections() {
    return sections;
  }

  /** Bytes read, header to {@code EOF}. */
  public long bytes() {
    return bytes;
  }

  /**
   * Applies the staged state through {@link LoadTarget#commit()}.
   *
   * @throws IllegalStateException on a second call
   */
  public void commit() throws IOException {
    if (committed) {
      throw new IllegalStateException("stream already committed");
    }
    committed = true;
    target.commit();
  }
}
