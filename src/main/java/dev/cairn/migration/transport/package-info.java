/**
 * Where a migration stream goes and comes from: {@code tcp:HOST:PORT} (connect on the source,
 * listen on the destination), {@code exec:COMMAND} (a shell command's stdin or stdout) and {@code
 * file:PATH}. The stream is the same savevm stream as a snapshot's; a transport only carries bytes.
 *
 * <p>Reference: QEMU {@code migration/socket.c}, {@code migration/exec.c}, {@code
 * migration/file.c}.
 */
package dev.cairn.migration.transport;
