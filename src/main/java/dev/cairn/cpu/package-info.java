/**
 * The RV64GC hart ({@link dev.cairn.cpu.Hart}): decoders that turn instruction bits into small-int
 * opcodes once per code page ({@link dev.cairn.cpu.Decoder}, {@link dev.cairn.cpu.FpDecoder},
 * {@link dev.cairn.cpu.CompressedDecoder}), the executors per extension (base and M inline in the
 * hart, {@link dev.cairn.cpu.AtomicUnit}, {@link dev.cairn.cpu.FpUnit} over {@link
 * dev.cairn.cpu.fpu.SoftFpu}, {@link dev.cairn.cpu.SystemUnit}), the CSRs ({@link
 * dev.cairn.cpu.CsrFile}), and address translation with the software TLB ({@link
 * dev.cairn.cpu.Mmu}).
 *
 * <p>Uses only {@code memory}. Devices reach the hart through {@link
 * dev.cairn.cpu.InterruptTarget}; the platform timer through {@link dev.cairn.cpu.TimeSource}.
 */
package dev.cairn.cpu;
