/**
 * The destination side of live migration: {@link dev.cairn.migration.incoming.IncomingMigration}
 * listens on a transport, loads the stream into a VM that has not started as the stream arrives
 * (the configuration checked before anything is applied), and starts the guest at the end. A
 * stream that fails leaves the VM never started, with the reason.
 */
package dev.cairn.migration.incoming;
