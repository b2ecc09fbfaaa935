package dev.cairn.migration.controller;

/**
 * How one migration runs, beyond the standing parameters.
 *
 * @param blockMigration also copy the disks ({@code migrate -b}): the destination needs no shared
 *     storage
 */
public record MigrationOptions(boolean blockMigration) {

  /** RAM and devices only; the disks are shared. */
  public static final MigrationOptions DEFAULT = new MigrationOptions(false);
}
