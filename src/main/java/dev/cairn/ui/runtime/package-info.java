/**
 * A started library VM: the machine, its monitor, its snapshot store and serial output history,
 * and the control thread that every blocking request to the machine runs on.
 */
package dev.cairn.ui.runtime;
