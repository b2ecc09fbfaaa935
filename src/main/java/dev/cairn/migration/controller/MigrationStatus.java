package dev.cairn.migration.controller;

/**
 * A migration's state, with QEMU's names ({@code info migrate}, {@code query-migrate}, the
 * MIGRATION event).
 *
 * <p>Reference: QEMU {@code qapi/migration.json} (MigrationStatus).
 */
public enum MigrationStatus {
  NONE("none"),
  SETUP("setup"),
  ACTIVE("active"),
  /** The final pause: the VM is stopped while the rest and the device state are sent. */
  DEVICE("device"),
  COMPLETED("completed"),
  FAILED("failed"),
  CANCELLING("cancelling"),
  CANCELLED("cancelled");

  private final String qemuName;

  MigrationStatus(String qemuName) {
    this.qemuName = qemuName;
  }

  public String qemuName() {
    return qemuName;
  }

  /** Whether a migration in this state still runs (a new one may not start). */
  public boolean isRunning() {
    return this == SETUP || this == ACTIVE || this == DEVICE || this == CANCELLING;
  }

  /** Whether this state ends a migration. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
