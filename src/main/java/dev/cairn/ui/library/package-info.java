/**
 * The VM library: one JSON file per VM under the user's config directory, each VM's disks and
 * snapshots in its own data directory (XDG base directories on Linux).
 */
package dev.cairn.ui.library;
