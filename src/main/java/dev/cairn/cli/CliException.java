package dev.cairn.cli;

/** A mistake the user can fix; {@link Main} prints the message (no stack trace) and exits 1. */
public final class CliException extends Exception {
  public CliException(String message) {
    super(message);
  }
}
