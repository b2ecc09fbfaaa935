/** The Display tab: the guest framebuffer, or a placeholder while there is none. */
package dev.cairn.ui.display;
