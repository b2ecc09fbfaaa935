package dev.cairn.migration.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LoadTarget} that keeps each staged payload in memory and, on commit, replays them to
 * their handlers in stream order. Fits device state; a RAM section of gigabytes wants a target that
 * decodes into a shadow RAM or a temporary file instead.
 *
 * <p>Reference: {@code docs/stream-format.md}, "Loading".
 */
public final class StagingLoadTarget implements LoadTarget {

  private record Staged(SectionHandler handler, StreamRecord record) {}

  private final List<Staged> staged = new ArrayList<>();
  private long stagedBytes;
  private boolean committed;

  @Override
  public void stage(SectionHandler handler, StreamRecord record) {
    if (record.payload() == null) {
      throw new IllegalArgumentException("record of section " + record.key() + " has no payload");
    }
    staged.add(new Staged(handler, record));
    stagedBytes += record.payloadLength();
  }

  /** Payload bytes held now. */
  public long stagedBytes() {
    return stagedBytes;
  }

  @Override
  public void commit() throws IOException {
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    committed = true;
    for (Staged s : staged) {
      StreamRecord r = s.record();
      s.handler().load(r.version(), r.payload(), (int) r.payloadLength(), r.type());
    }
    discard();
  }

  @Override
  public void discard() {
    staged.clear();
    stagedBytes = 0;
  }
}
