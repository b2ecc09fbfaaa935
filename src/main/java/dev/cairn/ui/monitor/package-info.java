/** The Monitor tab: QEMU's human monitor with history, completion and a visible suspension. */
package dev.cairn.ui.monitor;
