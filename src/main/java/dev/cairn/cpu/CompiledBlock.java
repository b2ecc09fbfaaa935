package dev.cairn.cpu;

/**
 * A straight run of decoded instructions on one code page, translated to JVM bytecode by
 * {@link BlockCompiler} so that HotSpot compiles guest code instead of interpreting it.
 *
 * <p>A block leaves the hart exactly as the interpreter would after the same instructions: on
 * return {@code pc} and {@code instret} are those of the next instruction; before every load and
 * store they are those of that access, so a trap (thrown out of {@link #run}) or a device read of
 * the clock sees what it would see when interpreted.
 */
abstract class CompiledBlock {

  /** Instructions in the block, so the caller can keep a batch within its budget. */
  final int length;

  protected CompiledBlock(int length) {
    this.length = length;
  }

  /**
   * Runs the block whose first instruction is at {@code pc0}. The pc is a parameter, not a
   * constant, because one physical code page may be mapped at several virtual addresses.
   */
  abstract void run(Hart h, long[] x, Mmu m, long pc0);
}
