package dev.cairn.memory;

/**
 * Told when pages that were writable without tracking must be tracked again: a hart drops its
 * cached writable translations so that the next store to those pages takes the slow path and
 * marks them dirty. This is QEMU's soft-MMU {@code TLB_NOTDIRTY} trick seen from the memory side.
 */
public interface WriteProtectListener {

  /**
   * Every page may need tracking again (before a dirty-log harvest or when a client starts
   * logging). Returns only once no writable translation cached before the call can be used again.
   */
  void writeProtectAll();

  /** One RAM page (index from the start of RAM) holds translated/decoded code and must be watched. */
  void writeProtectPage(long pageIndex);
}
