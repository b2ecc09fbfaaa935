package dev.cairn.block;

import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The view of a drive that its device model writes through: every write, write-zeroes and
 * discard is passed on to the image and then reported to the {@link BlockWriteListener}s. The
 * image itself stays reachable unwrapped ({@link DriveRegistry.Drive#driver()}) for the code that
 * needs its format (snapshots, info block).
 */
public final class WatchedBlockDriver implements BlockDriver {

  private final BlockDriver image;
  private final CopyOnWriteArrayList<BlockWriteListener> listeners = new CopyOnWriteArrayList<>();

  WatchedBlockDriver(BlockDriver image) {
    this.image = image;
  }

  void addListener(BlockWriteListener listener) {
    listeners.add(listener);
  }

  void removeListener(BlockWriteListener listener) {
    listeners.remove(listener);
  }

  @Override
  public long size() {
    return image.size();
  }

  @Override
  public void read(long offset, byte[] dst, int off, int len) throws BlockException {
    image.read(offset, dst, off, len);
  }

  @Override
  public boolean knownZero(long offset, long len) throws BlockException {
    return image.knownZero(offset, len);
  }

  @Override
  public void write(long offset, byte[] src, int off, int len) throws BlockException {
    try {
      image.write(offset, src, off, len);
    } finally {
      written(offset, len); // a failed write may have changed part of the range
    }
  }

  @Override
  public void writeZeroes(long offset, long len) throws BlockException {
    try {
      image.writeZeroes(offset, len);
    } finally {
      written(offset, len);
    }
  }

  @Override
  public void discard(long offset, long len) throws BlockException {
    try {
      image.discard(offset, len);
    } finally {
      written(offset, len);
    }
  }

  private void written(long offset, long len) {
    // Reported after the image changed: a reader that sees the mark afterwards reads new data.
    for (BlockWriteListener listener : listeners) {
      listener.written(offset, len);
    }
  }

  @Override
  public void flush() throws BlockException {
    image.flush();
  }

  @Override
  public boolean readOnly() {
    return image.readOnly();
  }

  @Override
  public void close() throws BlockException {
    image.close();
  }

  @Override
  public String format() {
    return image.format();
  }

  @Override
  public Path file() {
    return image.file();
  }
}
