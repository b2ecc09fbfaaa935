package dev.cairn.guest;

/** Building the guest images failed; the message tells the user what went wrong and what to do. */
public class GuestBuildException extends Exception {

  public GuestBuildException(String message) {
    super(message);
  }

  public GuestBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
