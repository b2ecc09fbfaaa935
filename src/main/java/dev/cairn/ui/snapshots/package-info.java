/** The Snapshots tab: the VM's named snapshots; take (live), restore and delete them. */
package dev.cairn.ui.snapshots;
