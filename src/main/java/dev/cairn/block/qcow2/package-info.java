/**
 * qcow2 versions 2 and 3: the header ({@code Qcow2Header}), reference counts and cluster
 * allocation ({@code Qcow2Refcounts}), the guest-to-host mapping and I/O ({@link
 * dev.cairn.block.qcow2.Qcow2Image}), internal snapshots ({@code Qcow2SnapshotTable}, {@code
 * Qcow2Snapshots}), the consistency check and repair ({@link dev.cairn.block.qcow2.Qcow2Check})
 * and image creation ({@link dev.cairn.block.qcow2.Qcow2Create}). Reference: QEMU {@code
 * docs/interop/qcow2.txt}; {@code qemu-img} is the oracle in the tests.
 *
 * <p>Crash model: metadata is written through in an order that leaves at most leaked clusters
 * when the process dies between two writes; multi-step snapshot changes run under the header's
 * dirty bit, and a read-write open of a dirty image recounts and repairs first, as QEMU does.
 */
package dev.cairn.block.qcow2;
