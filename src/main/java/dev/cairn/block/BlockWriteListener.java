package dev.cairn.block;

/**
 * Hears the guest's writes to a drive: a storage migration marks the written blocks dirty so it
 * sends them again. Called on the thread that wrote (the vCPU thread), after the write returned,
 * so a reader that sees the mark also sees the data; keep the work short.
 */
@FunctionalInterface
public interface BlockWriteListener {

  /** {@code len} bytes at {@code offset} were written, zeroed or discarded (or a write failed). */
  void written(long offset, long len);
}
