/**
 * Miscellaneous board devices: the SiFive test finisher ({@link dev.cairn.hw.misc.SifiveTest}),
 * which the guest uses through syscon-poweroff and syscon-reboot.
 */
package dev.cairn.hw.misc;
