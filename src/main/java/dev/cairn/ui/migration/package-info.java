/** The Migrate and Receive VM actions: their forms, and the progress of a live migration. */
package dev.cairn.ui.migration;
