/**
 * Saving while the guest runs ({@link dev.cairn.migration.live.LiveSave}): RAM passes over the dirty
 * log, a convergence decision against the downtime limit, a short final pause for the rest and the
 * device state; progress reported with QEMU's names ({@link
 * dev.cairn.migration.live.SaveProgress}).
 */
package dev.cairn.migration.live;
