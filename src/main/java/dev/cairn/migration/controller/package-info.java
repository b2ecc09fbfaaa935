/**
 * The source side of live migration: {@link dev.cairn.migration.controller.MigrationController}
 * runs a live save into a transport on its own thread with QEMU's states (setup, active, device,
 * completed, failed, cancelling, cancelled), its parameters (downtime-limit, max-bandwidth, the CPU
 * throttle of auto-converge) and its statistics under QEMU's names ({@link
 * dev.cairn.migration.controller.MigrationInfo}). HMP, QMP and the GUI all drive this one API.
 */
package dev.cairn.migration.controller;
