package dev.cairn.block.qcow2;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional whole-buffer reads and writes on a file channel. */
final class Qcow2Io {

  private Qcow2Io() {}

  /** Fills {@code b} from {@code pos}; throws {@link EOFException} if the file ends first. */
  static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        throw new EOFException("end of file at offset " + p);
      }
      p += n;
    }
  }

  /** Reads what exists of {@code b}'s range from {@code pos}; the part past the end stays 0. */
  static void readZeroPadded(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        while (b.hasRemaining()) {
          b.put((byte) 0);
        }
        return;
      }
      p += n;
    }
  }

  static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      p += ch.write(b, p);
    }
  }
}
