package dev.cairn.migration.controller;

/**
 * Hears a migration's progress, on the migration's threads: keep the work short and never block
 * (a GUI hands it to its own thread).
 */
public interface MigrationListener {

  /** The status changed (setup, active, device, completed, failed, cancelling, cancelled). */
  void statusChanged(MigrationInfo info);

  /** New counters: after every chunk sent and at the end of every pass. */
  default void progress(MigrationInfo info) {}
}
