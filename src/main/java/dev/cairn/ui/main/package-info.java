/** The main window: the VM library list, the toolbar, the tabs and the status bar. */
package dev.cairn.ui.main;
