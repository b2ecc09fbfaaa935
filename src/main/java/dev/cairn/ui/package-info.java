/**
 * The JavaFX application: the VM library, the main window with its Display, Serial, Monitor,
 * Snapshots and Details tabs, and the dialogs. Subpackages hold one concern each; every view is
 * {@code XView} (code that builds or wires Nodes, often with {@code X.fxml} under
 * {@code resources/ui/}) plus an {@code XViewModel} that holds observable state and no Node, so it
 * is unit-tested without a screen.
 *
 * <p>Threading: the JavaFX Application Thread only renders and forwards requests. Anything that
 * may wait on the machine (pause, snapshot, monitor commands) runs on the VM's control executor
 * ({@link dev.cairn.ui.runtime.VmInstance}); results come back through {@link
 * dev.cairn.ui.UiThread}.
 */
package dev.cairn.ui;
