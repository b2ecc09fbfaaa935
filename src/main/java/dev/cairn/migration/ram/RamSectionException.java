package dev.cairn.migration.ram;

/** A RAM section cannot be loaded into this VM; the message says why. */
public final class RamSectionException extends Exception {
  public RamSectionException(String message) {
    super(message);
  }

  public RamSectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
