package dev.cairn.migration.transport;

import java.io.IOException;

/** A migration address that is malformed, unreachable, or a peer that went away. */
public final class MigrationTransportException extends IOException {

  public MigrationTransportException(String message) {
    super(message);
  }

  public MigrationTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
