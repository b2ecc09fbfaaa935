package dev.cairn.migration.snapshot;

/** A snapshot could not be saved, loaded or deleted; the message is meant for the user. */
public final class SnapshotException extends Exception {

  public SnapshotException(String message) {
    super(message);
  }

  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
