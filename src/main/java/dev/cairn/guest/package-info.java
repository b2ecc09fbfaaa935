/**
 * The Debian riscv64 guest recipe: finds the Debian mirror in the host's apt configuration,
 * downloads trixie's signed index and the kernel, OpenSBI and busybox packages, and builds from
 * them the three files the VM boots ({@link dev.cairn.guest.DebianRecipe}).
 *
 * <p>Everything downloaded is checked against the OpenPGP-signed {@code InRelease} before it is
 * used or cached, and a complete cache is used without touching the network.
 */
package dev.cairn.guest;
