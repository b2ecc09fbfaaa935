package dev.cairn.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A raw disk image: guest byte {@code n} is file byte {@code n}.
 *
 * <p>Uses positional {@link FileChannel} reads and writes only, so holes in a sparse file stay holes
 * until the guest writes there and no shared file position exists. The virtual size is the file
 * size when opened; the file is never grown or truncated. Reference: QEMU {@code block/file-posix.c}
 * for the semantics (flush = fdatasync-like barrier, read-only opens).
 */
public final class RawImage implements BlockDriver {

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final boolean readOnly;

  private RawImage(Path file, FileChannel channel, long size, boolean readOnly) {
    this.file = file;
    this.channel = channel;
    this.size = size;
    this.readOnly = readOnly;
  }

  /**
   * Opens an existing raw image.
   *
   * @param readOnly open without write access; writes then fail with {@link BlockException}
   * @throws BlockException naming the file if it is missing, a directory, unreadable or unwritable
   */
  public static RawImage open(Path file, boolean readOnly) throws BlockException {
    if (Files.isDirectory(file)) {
      throw new BlockException("disk image " + file + " is a directory, not a file");
    }
    FileChannel channel;
    try {
      channel =
          readOnly
              ? FileChannel.open(file, StandardOpenOption.READ)
              : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      throw new BlockException("disk image " + file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new BlockException(
          "disk image " + file + ": permission denied" + (readOnly ? "" : " (opening read-write)"),
          e);
    } catch (FileSystemException e) {
      throw new BlockException("cannot open disk image " + file + ": " + e.getReason(), e);
    } catch (IOException e) {
      throw new BlockException("cannot open disk image " + file + ": " + e.getMessage(), e);
    }
    try {
      if (!readOnly) {
        ImageLock.lockForWriting(channel, file);
      }
      return new RawImage(file, channel, channel.size(), readOnly);
    } catch (BlockException e) {
      closeQuietly(channel);
      throw e;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new BlockException("cannot read the size of disk image " + file, e);
    }
  }

  /**
   * Creates (or truncates) a sparse raw image of {@code size} bytes and opens it read-write. Used by
   * tests and by "create disk" in the manager.
   */
  public static RawImage create(Path file, long size) throws BlockException {
    if (size < 0) {
      throw new IllegalArgumentException("negative image size " + size);
    }
    try (FileChannel c =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      // Extending by writing nothing at the end would need a byte; truncate cannot grow, so write
      // one zero at size-1 when the image is non-empty. The rest stays a hole.
      if (size > 0) {
        c.write(ByteBuffer.wrap(new byte[1]), size - 1);
      }
    } catch (IOException e) {
      throw new BlockException("cannot create disk image " + file + ": " + e.getMessage(), e);
    }
    return open(file, false);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, byte[] dst, int off, int len) throws BlockException {
    checkRange(offset, len);
    ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
    try {
      while (buf.hasRemaining()) {
        int n = channel.read(buf, offset + (buf.position() - off));
        if (n < 0) {
          // The file shrank under us (another program truncated it): what is gone reads as zeros,
          // like a hole, rather than failing the guest.
          Arrays.fill(dst, buf.position(), off + len, (byte) 0);
          return;
        }
      }
    } catch (IOException e) {
      throw new BlockException(
          "read of " + len + " bytes at offset " + offset + " from " + file + " failed: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void write(long offset, byte[] src, int off, int len) throws BlockException {
    if (readOnly) {
      throw new BlockException("disk image " + file + " is read-only");
    }
    checkRange(offset, len);
    ByteBuffer buf = ByteBuffer.wrap(src, off, len);
    try {
      while (buf.hasRemaining()) {
        channel.write(buf, offset + (buf.position() - off));
      }
    } catch (IOException e) {
      throw new BlockException(
          "write of " + len + " bytes at offset " + offset + " to " + file + " failed: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void flush() throws BlockException {
    if (readOnly) {
      return;
    }
    try {
      // true: also the file metadata (size, block map), so data in newly filled holes is findable
      // after a host crash.
      channel.force(true);
    } catch (IOException e) {
      throw new BlockException("flush of " + file + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public void close() throws BlockException {
    try {
      channel.close();
    } catch (IOException e) {
      throw new BlockException("closing " + file + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String format() {
    return "raw";
  }

  @Override
  public Path file() {
    return file;
  }

  private void checkRange(long offset, int len) throws BlockException {
    if (offset < 0 || len < 0 || offset > size - len) {
      throw new BlockException(
          "access of " + len + " bytes at offset " + offset + " is outside " + file + " (size "
              + size + ")");
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Already failing with a better message.
    }
  }
}
