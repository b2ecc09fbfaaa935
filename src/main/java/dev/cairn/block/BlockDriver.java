package dev.cairn.block;

import java.nio.file.Path;

/**
 * A disk as seen by a storage device model: a fixed number of bytes, addressed by byte offset.
 *
 * <p>Formats (raw, later qcow2) implement this; the device model does the sector arithmetic and
 * range checks against {@link #size()} before calling. Every I/O method reports failures as the
 * checked {@link BlockException}, never as an unchecked exception, so a failing host disk becomes
 * a guest-visible I/O error rather than a crash. Implementations are used from one thread at a
 * time (today the vCPU thread) and need no internal locking for that.
 */
public interface BlockDriver extends AutoCloseable {

  /** Virtual size in bytes, as the guest sees it; fixed while the image is open. */
  long size();

  /**
   * Reads {@code len} bytes at {@code offset} into {@code dst[off, off + len)}. Ranges of the image
   * never written (holes) read as zeros.
   *
   * @throws BlockException if the range is outside {@code [0, size())} or the host read fails
   */
  void read(long offset, byte[] dst, int off, int len) throws BlockException;

  /**
   * Writes {@code src[off, off + len)} at {@code offset}. Not durable until {@link #flush()}.
   *
   * @throws BlockException if the image is read-only, the range is outside {@code [0, size())} or
   *     the host write fails
   */
  void write(long offset, byte[] src, int off, int len) throws BlockException;

  /**
   * Makes every completed write durable: data and the metadata needed to find it again reach
   * stable storage (fsync). A no-op for read-only images.
   */
  void flush() throws BlockException;

  /**
   * Sets {@code len} bytes at {@code offset} to zero. The default writes a zero buffer; formats
   * that can deallocate (sparse files, qcow2 zero clusters) may do better.
   */
  default void writeZeroes(long offset, long len) throws BlockException {
    byte[] zeros = new byte[(int) Math.min(len, 1 << 20)];
    while (len > 0) {
      int n = (int) Math.min(len, zeros.length);
      write(offset, zeros, 0, n);
      offset += n;
      len -= n;
    }
  }

  /**
   * Whether {@code [offset, offset + len)} is known to read as zeros without reading it: never
   * written, or zeroed in a way the format records (qcow2 zero clusters). {@code false} means
   * "not known", never "not zero". Lets a storage migration skip reading the empty part of a
   * sparse disk, as QEMU's block-status query does. The default knows nothing.
   *
   * @throws BlockException if the range is outside {@code [0, size())} or metadata cannot be read
   */
  default boolean knownZero(long offset, long len) throws BlockException {
    return false;
  }

  /**
   * Hints that the guest no longer needs {@code len} bytes at {@code offset}. The contents become
   * unspecified (old data or zeros); the default keeps the old data, which is always allowed.
   */
  default void discard(long offset, long len) throws BlockException {}

  boolean readOnly();

  /** Releases the host file. Does not flush; call {@link #flush()} first when that matters. */
  @Override
  void close() throws BlockException;

  /** Image format name as used on the command line, e.g. {@code "raw"}. */
  String format();

  /** The host file holding the image. */
  Path file();
}
