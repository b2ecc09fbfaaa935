/**
 * Storage migration ({@code migrate -b}): a drive's contents as a live section of the migration
 * stream, interleaved with RAM. The source sends every block once, then the blocks the guest wrote
 * meanwhile (tracked through {@link dev.cairn.block.BlockWriteListener}), and the rest in the
 * final pause; the destination writes them into a drive of the same format and size.
 *
 * <p>Reference: QEMU {@code migration/block.c} (the "block" section of {@code migrate -b}).
 */
package dev.cairn.migration.disk;
