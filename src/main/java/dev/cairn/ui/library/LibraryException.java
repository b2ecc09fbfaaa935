package dev.cairn.ui.library;

/** A library file could not be read or written; the message names the file and the reason. */
public final class LibraryException extends Exception {

  public LibraryException(String message, Throwable cause) {
    super(message, cause);
  }

  public LibraryException(String message) {
    super(message);
  }
}
