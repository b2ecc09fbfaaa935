package dev.cairn.machine;

/** The VM's run state, with QEMU's names (as shown by {@code info status} and {@code query-status}). */
public enum RunState {
  PRELAUNCH("prelaunch"),
  RUNNING("running"),
  PAUSED("paused"),
  SHUTDOWN("shutdown"),
  /** Waiting for an incoming migration stream (QEMU's {@code -incoming}). */
  INMIGRATE("inmigrate"),
  /** The guest has migrated away; the source VM stays stopped ({@code cont} runs it again). */
  POSTMIGRATE("postmigrate"),
  INTERNAL_ERROR("internal-error");

  private final String qemuName;

  RunState(String qemuName) {
    this.qemuName = qemuName;
  }

  /** The name QEMU uses for this state. */
  public String qemuName() {
    return qemuName;
  }
}
