/** The New VM / Edit VM dialog: the Debian template (built with progress and cancel) or custom files. */
package dev.cairn.ui.newvm;
