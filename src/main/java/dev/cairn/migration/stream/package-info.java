/**
 * The savevm stream: a header, a mandatory configuration section ({@link
 * dev.cairn.migration.stream.MachineShape}), then {@code START}/{@code PART}/{@code END}/{@code
 * FULL} records each closed by a footer and a CRC32C, then {@code EOF}. {@link
 * dev.cairn.migration.stream.StreamWriter} writes it front to back; {@link
 * dev.cairn.migration.stream.StreamReader} reads and verifies records; {@link
 * dev.cairn.migration.stream.StreamLoader} checks every section against a {@link
 * dev.cairn.migration.stream.SectionRegistry}, stages payloads in a {@link
 * dev.cairn.migration.stream.LoadTarget}, and lets the caller commit only a stream that was whole
 * and valid. Section payloads are opaque bytes here; devices describe them elsewhere.
 *
 * <p>Reference: {@code docs/stream-format.md}; QEMU {@code migration/savevm.c} (protocol v3).
 */
package dev.cairn.migration.stream;
