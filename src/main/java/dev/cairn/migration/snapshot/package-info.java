/**
 * Named snapshots (QEMU's {@code savevm}/{@code loadvm}/{@code delvm}): a directory of savevm
 * stream files and an index that names them. Every change is written beside the old state and
 * renamed into place, so a crash or a failed save never loses the snapshots already there.
 */
package dev.cairn.migration.snapshot;
