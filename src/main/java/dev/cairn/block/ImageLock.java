package dev.cairn.block;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

/**
 * Keeps two writers off one image: a read-write open takes an exclusive lock on the whole file
 * for as long as the channel is open. QEMU locks its images with OFD byte-range locks, which
 * conflict with this one, so Cairn and QEMU also keep out of each other's way.
 */
public final class ImageLock {

  private ImageLock() {}

  /**
   * Locks {@code channel}'s file exclusively.
   *
   * @throws BlockException naming the file if another process or another open in this one has it
   */
  public static void lockForWriting(FileChannel channel, Path file) throws BlockException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      throw new BlockException("disk image " + file + " is already open for writing in Cairn");
    } catch (IOException e) {
      // File systems without locks (some network mounts): go on unlocked, as QEMU does.
      return;
    }
    if (lock == null) {
      throw new BlockException("disk image " + file + " is in use by another process"
          + " (it holds a lock on it; stop that VM or open this drive with readonly=on)");
    }
  }
}
