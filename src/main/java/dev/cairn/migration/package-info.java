/**
 * Moving a VM's state: the savevm stream ({@link dev.cairn.migration.stream}), and, built on it,
 * snapshots, live checkpoints and migration. One stream format serves all three: a snapshot is a
 * migration stream written to storage.
 *
 * <p>Reference: QEMU {@code migration/} (savevm protocol v3) and {@code docs/devel/migration}.
 */
package dev.cairn.migration;
