package dev.cairn.block;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The open drives of one VM, by id, and the one place that makes them all durable.
 *
 * <p>{@link #flushAll()} runs before a VM's state is handed over (the end of a migration or a
 * checkpoint), when the VM pauses for savevm, and at power-off: after it returns, every write the
 * guest saw completed is on stable storage, data and metadata (fsync). Thread-safe: the vCPU
 * thread opens drives at board creation, other threads flush and list them.
 */
public final class DriveRegistry implements AutoCloseable {

  /**
   * One open drive: its monitor name, the image behind it, and the view of that image its device
   * model writes through (which reports the guest's writes to listeners).
   */
  public record Drive(String id, BlockDriver driver, WatchedBlockDriver guestDriver) {

    Drive(String id, BlockDriver driver) {
      this(id, driver, new WatchedBlockDriver(driver));
    }

    /** Starts reporting the guest's writes to {@code listener} (a storage migration). */
    public void addWriteListener(BlockWriteListener listener) {
      guestDriver.addListener(listener);
    }

    public void removeWriteListener(BlockWriteListener listener) {
      guestDriver.removeListener(listener);
    }

    public Path file() {
      return driver.file();
    }

    /** Whether the disk half of a VM snapshot must be taken on it (savevm, loadvm, delvm). */
    public boolean takesPartInSnapshots() {
      return !driver.readOnly();
    }
  }

  private final List<Drive> drives = new ArrayList<>();

  /**
   * Opens {@code file} and registers it as {@code id}.
   *
   * @throws BlockException if the id is taken or the image cannot be opened
   */
  public synchronized Drive open(String id, Path file, String format, boolean readOnly)
      throws BlockException {
    if (find(id) != null) {
      throw new BlockException("Duplicate ID '" + id + "' for drive");
    }
    Drive drive = new Drive(id, BlockDrivers.open(file, format, readOnly));
    drives.add(drive);
    return drive;
  }

  /** The drive named {@code id}, or null. */
  public synchronized Drive find(String id) {
    for (Drive d : drives) {
      if (d.id().equals(id)) {
        return d;
      }
    }
    return null;
  }

  /** The drives in the order they were opened. */
  public synchronized List<Drive> drives() {
    return List.copyOf(drives);
  }

  /**
   * Flushes every drive to stable storage. All drives are tried even if one fails.
   *
   * @throws BlockException the first failure, with the others attached as suppressed
   */
  public synchronized void flushAll() throws BlockException {
    BlockException first = null;
    for (Drive d : drives) {
      try {
        d.driver().flush();
      } catch (BlockException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Closes every drive (without flushing) and forgets them; reports the first failure. */
  @Override
  public synchronized void close() throws BlockException {
    BlockException first = null;
    for (Drive d : drives) {
      try {
        d.driver().close();
      } catch (BlockException e) {
        first = first == null ? e : first;
      }
    }
    drives.clear();
    if (first != null) {
      throw first;
    }
  }
}
