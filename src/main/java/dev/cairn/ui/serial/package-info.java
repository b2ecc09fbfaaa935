/** The Serial tab: an xterm-compatible terminal (jeditermfx) on the guest's 16550 UART. */
package dev.cairn.ui.serial;
