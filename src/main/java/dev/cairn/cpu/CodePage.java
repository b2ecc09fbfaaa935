package dev.cairn.cpu;

/**
 * Decoded instructions of one physical RAM page, one slot per 2-byte offset, filled lazily.
 * Dropped as a whole when the page is written (see {@link dev.cairn.memory.GuestRam#markCodePage}).
 */
final class CodePage {
  final int pageIndex;
  final Insn[] insns = new Insn[2048];

  CodePage(int pageIndex) {
    this.pageIndex = pageIndex;
  }
}
