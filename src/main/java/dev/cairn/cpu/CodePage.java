package dev.cairn.cpu;

/**
 * Decoded code of one physical RAM page: instructions decoded once, by halfword slot, and the
 * blocks compiled from the slots that ran often. Dropped as a whole when the page is written.
 */
final class CodePage {
  final int pageIndex;
  final Insn[] insns = new Insn[2048];
  /** Compiled blocks by starting slot; allocated when the page first gets hot. */
  CompiledBlock[] blocks;
  /** Interpreted executions per slot, counted up to the compile threshold. */
  short[] heat;

  CodePage(int pageIndex) {
    this.pageIndex = pageIndex;
  }
}
