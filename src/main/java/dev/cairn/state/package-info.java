/**
 * Declared, versioned device state: each device, the hart and the board describe their saved
 * state once as a {@link dev.cairn.state.StateDescription} (name, version, minimum version,
 * ordered fields, subsections with a {@code needed} test, a {@code postLoad} hook), and the one
 * {@link dev.cairn.state.StateWriter} and {@link dev.cairn.state.StateReader} walk those
 * descriptions. savevm, loadvm and live migration all go through them; nobody writes ad-hoc bytes.
 *
 * <p>This is the lowest layer: it uses nothing else from {@code dev.cairn}, so {@code cpu},
 * {@code hw} and {@code machine} can all declare their state with it.
 *
 * <p>Reference: QEMU {@code include/migration/vmstate.h} (VMStateDescription) for the model;
 * shared/DESIGN.md, "The savevm stream", for the promises.
 */
package dev.cairn.state;
