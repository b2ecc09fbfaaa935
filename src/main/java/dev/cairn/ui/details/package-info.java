/** The Details tab: configuration, devices, disks, and a live graph of guest speed. */
package dev.cairn.ui.details;
