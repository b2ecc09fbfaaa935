package dev.cairn.monitor;

/** A command failed; the message is printed to the user as QEMU does ({@code Error: ...}). */
public final class MonitorException extends Exception {
  public MonitorException(String message) {
    super(message);
  }
}
