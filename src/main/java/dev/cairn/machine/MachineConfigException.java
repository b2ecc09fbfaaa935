package dev.cairn.machine;

/** The machine cannot be built from its configuration; the message is meant for the user. */
public final class MachineConfigException extends Exception {
  public MachineConfigException(String message) {
    super(message);
  }

  public MachineConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
