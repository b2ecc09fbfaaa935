package dev.cairn.migration;

import java.nio.file.Path;

/** Lets tests in sub-packages build the {@link CounterGuest}. */
public final class CounterGuestAccess {
  private CounterGuestAccess() {}

  public static Path build(Path dir) throws Exception {
    return CounterGuest.build(dir);
  }
}
