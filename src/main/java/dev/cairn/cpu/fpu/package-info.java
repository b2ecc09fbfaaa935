/**
 * Software IEEE 754 binary32/binary64 arithmetic with RISC-V semantics: the five rounding modes,
 * accrued fflags, canonical NaNs and the saturating integer conversions of the F and D extensions.
 * {@link dev.cairn.cpu.fpu.SoftFpu} is the only public class; the hart calls it on raw register
 * bits.
 */
package dev.cairn.cpu.fpu;
