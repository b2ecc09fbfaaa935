package dev.cairn.migration.disk;

import java.io.IOException;

/** A "block" section that does not fit this VM's drive, or that is malformed. */
public final class DiskSectionException extends IOException {

  private static final long serialVersionUID = 1L;

  public DiskSectionException(String message) {
    super(message);
  }
}
