package dev.cairn.migration.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.machine.Machine;
import dev.cairn.machine.RunState;
import dev.cairn.migration.VmStateStream;
import dev.cairn.migration.live.LiveSave;
import dev.cairn.migration.live.SaveProgress;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import dev.cairn.migration.stream.StreamException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A directory of named snapshots: one savevm stream file per snapshot plus {@value #INDEX}.
 *
 * <p>Every write goes to a temporary file in the same directory, is fsynced and then renamed over
 * its target, the stream file first and the index last. So the index only ever names complete
 * files, and a save that fails at any step leaves the previous snapshots and index as they were.
 * The index is re-read for every call, so it is the single source of truth.
 */
public final class SnapshotStore {

  public static final String INDEX = "snapshots.json";
  private static final String TEMP_PREFIX = ".cairn-";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path dir;
  /** Wraps the stream file's output; tests inject failures through it. */
  private final UnaryOperator<OutputStream> streamWrapper;
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A store in {@code dir}, created when the first snapshot is saved. */
  public SnapshotStore(Path dir) {
    this(dir, UnaryOperator.identity());
  }

  SnapshotStore(Path dir, UnaryOperator<OutputStream> streamWrapper) {
    this.dir = dir;
    this.streamWrapper = streamWrapper;
  }

  public Path directory() {
    return dir;
  }

  /** The snapshots in the order they were saved. */
  public synchronized List<SnapshotInfo> list() throws SnapshotException {
    return readIndex().snapshots();
  }

  /**
   * The snapshots whose disk half is on every writable drive of {@code machine}, like QEMU's
   * "present on all disks" list.
   */
  public synchronized List<SnapshotInfo> list(Machine machine) throws SnapshotException {
    DiskSnapshots disks = new DiskSnapshots(machine.drives());
    List<SnapshotInfo> out = new ArrayList<>();
    for (SnapshotInfo s : readIndex().snapshots()) {
      if (disks.presentOnAll(s.tag())) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Saves the whole VM as {@code tag}, replacing a snapshot of that tag once the new one is
   * complete. A running VM is paused for the save and resumed afterwards.
   *
   * @throws SnapshotException if a writable disk makes the snapshot unsound, or writing fails (the
   *     store is then as before)
   */
  public synchronized SnapshotInfo save(Machine machine, String tag) throws SnapshotException {
    checkTag(tag);
    DiskSnapshots disks = new DiskSnapshots(machine.drives());
    disks.refuseUnsupported();
    SnapshotIndex index = readIndex();
    createDirectory();
    int id = index.nextId();
    String fileName = "snapshot-" + id + ".cvm";
    Path target = dir.resolve(fileName);
    SnapshotInfo info;
    boolean wasRunning = machine.runState() == RunState.RUNNING;
    machine.pause();
    try {
      // Read after the pause: the clock, instret and screen are frozen at the saved instant.
      long clock = machine.clock().now();
      long instructions = machine.hart().instret();
      long date = System.currentTimeMillis();
      ScreenThumbnail screen = ScreenThumbnail.capture(machine);
      flushDrives(machine);
      info = new SnapshotInfo(id, tag, fileName, 0, date, clock, instructions);
      disks.createPending(tag, info.vmClockNanos());
      try {
        writeAtomically(target, out -> VmStateStream.save(machine, streamWrapper.apply(out)));
        info = new SnapshotInfo(id, tag, fileName, Files.size(target), date, clock,
            instructions, index.currentId(), writeThumbnail(id, screen));
      } catch (IOException e) {
        disks.abandonPending(tag);
        throw new SnapshotException("Error while writing VM state to " + target + ": " + e, e);
      }
      return commit(index, info, disks);
    } finally {
      if (wasRunning) {
        machine.resume();
      }
    }
  }

  /** The VM-state half is in place: name it in the index, then give the disks the tag. */
  private SnapshotInfo commit(SnapshotIndex index, SnapshotInfo info, DiskSnapshots disks)
      throws SnapshotException {
    try {
      record(index, info);
    } catch (SnapshotException e) {
      disks.abandonPending(info.tag());
      throw e;
    }
    disks.commitPending(info.tag());
    return info;
  }

  private static void flushDrives(Machine machine) throws SnapshotException {
    try {
      machine.drives().flushAll();
    } catch (dev.cairn.block.BlockException e) {
      throw new SnapshotException("Error while flushing drives: " + e.getMessage(), e);
    }
  }

  /**
   * Takes a live checkpoint as {@code tag}: RAM is written while the guest runs and the guest is
   * paused only for the final pass and the device state ({@link LiveSave}); it runs on afterwards.
   * Blocks the caller until the checkpoint is complete; progress goes to {@code listener}.
   *
   * @throws SnapshotException as {@link #save}; the store is then as before and the guest runs
   */
  public synchronized SnapshotInfo saveLive(Machine machine, String tag, long downtimeLimitMillis,
      Consumer<SaveProgress> listener) throws SnapshotException {
    checkTag(tag);
    DiskSnapshots disks = new DiskSnapshots(machine.drives());
    disks.refuseUnsupported();
    boolean[] pending = new boolean[1];
    SnapshotIndex index = readIndex();
    createDirectory();
    int id = index.nextId();
    String fileName = "snapshot-" + id + ".cvm";
    Path target = dir.resolve(fileName);
    long[] clockAndInstret = new long[2];
    ScreenThumbnail[] screen = new ScreenThumbnail[1];
    long date = System.currentTimeMillis();
    try {
      writeAtomically(target, out -> {
        LiveSave save = new LiveSave(machine, streamWrapper.apply(out), downtimeLimitMillis,
            LiveSave.AfterSave.RESUME);
        save.addListener(progress -> {
          if (progress.status().equals("device")) {
            // The final pause: the instant the checkpoint holds.
            clockAndInstret[0] = machine.clock().now();
            clockAndInstret[1] = machine.hart().instret();
            screen[0] = ScreenThumbnail.capture(machine);
            // The disk half at the same instant; LiveSave flushed the drives in this pause.
            try {
              disks.createPending(tag, new SnapshotInfo(0, tag, "", 0, 0, clockAndInstret[0],
                  0).vmClockNanos());
              pending[0] = true;
            } catch (SnapshotException e) {
              throw new java.io.UncheckedIOException(new IOException(e.getMessage(), e));
            }
          }
          listener.accept(progress);
        });
        try {
          save.start().get();
        } catch (InterruptedException e) {
          save.cancel();
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u
              ? u.getCause() : e.getCause();
          throw cause instanceof IOException io ? io : new IOException(cause);
        }
      });
    } catch (IOException e) {
      if (pending[0]) {
        disks.abandonPending(tag);
      }
      throw new SnapshotException("Error while writing VM state to " + target + ": " + e, e);
    }
    long size;
    try {
      size = Files.size(target);
    } catch (IOException e) {
      disks.abandonPending(tag);
      throw new SnapshotException("Error while writing VM state to " + target + ": " + e, e);
    }
    return commit(index, new SnapshotInfo(id, tag, fileName, size, date,
        clockAndInstret[0], clockAndInstret[1], index.currentId(), writeThumbnail(id, screen[0])),
        disks);
  }

  /**
   * Puts a completed snapshot in the index as the current one, replacing an older one of the same
   * tag (whose children then descend from its parent, as after a delete).
   */
  private SnapshotInfo record(SnapshotIndex index, SnapshotInfo info) throws SnapshotException {
    SnapshotInfo replaced = index.find(info.tag()).orElse(null);
    List<SnapshotInfo> entries = new ArrayList<>(index.snapshots());
    entries.add(info);
    if (replaced != null) {
      entries = withoutEntry(entries, replaced);
    }
    SnapshotInfo recorded = entries.get(entries.size() - 1);
    try {
      writeIndex(new SnapshotIndex(SnapshotIndex.FORMAT, info.id() + 1, entries, info.id()));
    } catch (SnapshotException e) {
      deleteFiles(info);
      throw e;
    }
    if (replaced != null) {
      // The index no longer names them; leftover files would only waste space.
      deleteFiles(replaced);
    }
    return recorded;
  }

  /** {@code entries} without {@code gone}; its children are re-parented to its parent. */
  private static List<SnapshotInfo> withoutEntry(List<SnapshotInfo> entries, SnapshotInfo gone) {
    List<SnapshotInfo> kept = new ArrayList<>();
    for (SnapshotInfo entry : entries) {
      if (entry.id() != gone.id()) {
        kept.add(entry.parentId() == gone.id() ? entry.withParent(gone.parentId()) : entry);
      }
    }
    return kept;
  }

  /**
   * Writes {@code screen} as {@code snapshot-ID.png} (through a temporary name and a rename).
   *
   * @return the file's name, or null when there is no screen or it could not be written: a
   *     thumbnail is a convenience, never a reason to lose the snapshot
   */
  private String writeThumbnail(int id, ScreenThumbnail screen) {
    if (screen == null) {
      return null;
    }
    String name = "snapshot-" + id + ".png";
    try {
      writeAtomically(dir.resolve(name), screen::writePng);
      return name;
    } catch (IOException e) {
      return null;
    }
  }

  private void deleteFiles(SnapshotInfo info) {
    deleteQuietly(dir.resolve(info.file()));
    if (info.thumbnail() != null) {
      deleteQuietly(dir.resolve(info.thumbnail()));
    }
  }

  /** The PNG of the screen at {@code info}'s save, if it was taken with a display. */
  public Optional<Path> thumbnail(SnapshotInfo info) {
    return Optional.ofNullable(info.thumbnail()).map(dir::resolve).filter(Files::isRegularFile);
  }

  /**
   * The ID of the snapshot the VM's state last came from or went to, the parent of the next one,
   * or {@link SnapshotInfo#NO_PARENT} when there is none (or it was deleted with no parent).
   */
  public synchronized int currentId() throws SnapshotException {
    return readIndex().currentId();
  }

  /**
   * Renames snapshot {@code tag} to {@code newTag}, on the machine's drives too.
   *
   * @throws SnapshotException if {@code tag} does not exist, {@code newTag} is empty or taken, or
   *     a drive or the index cannot be written (the disk names are then put back)
   */
  public synchronized SnapshotInfo rename(Machine machine, String tag, String newTag)
      throws SnapshotException {
    checkTag(newTag);
    SnapshotIndex index = readIndex();
    SnapshotInfo info = index.find(tag).orElseThrow(() -> notFound(tag));
    if (tag.equals(newTag)) {
      return info;
    }
    if (index.find(newTag).isPresent()) {
      throw new SnapshotException("A snapshot named '" + newTag + "' already exists");
    }
    DiskSnapshots disks = new DiskSnapshots(machine.drives());
    disks.rename(tag, newTag);
    try {
      writeIndex(index.withChanged(info.id(), s -> s.withTag(newTag)));
    } catch (SnapshotException e) {
      try {
        disks.rename(newTag, tag);
      } catch (SnapshotException ignored) {
        // the first error is the one to report
      }
      throw e;
    }
    return info.withTag(newTag);
  }

  /** The longest description kept, in characters. */
  public static final int MAX_DESCRIPTION = 4096;

  /**
   * Sets the description of snapshot {@code tag} (blank clears it); the stream and disk halves are
   * untouched.
   *
   * @throws SnapshotException when there is no such snapshot, the text is longer than {@link
   *     #MAX_DESCRIPTION}, or the index cannot be written (it then stays as it was)
   */
  public synchronized SnapshotInfo describe(String tag, String description)
      throws SnapshotException {
    String text = description == null || description.isBlank() ? null : description.strip();
    if (text != null && text.length() > MAX_DESCRIPTION) {
      throw new SnapshotException("A snapshot description is at most " + MAX_DESCRIPTION
          + " characters long; this one has " + text.length());
    }
    SnapshotIndex index = readIndex();
    SnapshotInfo info = index.find(tag).orElseThrow(() -> notFound(tag));
    writeIndex(index.withChanged(info.id(), s -> s.withDescription(text)));
    return info.withDescription(text);
  }

  /**
   * Loads snapshot {@code tag} into {@code machine}. A running VM is paused for the load and
   * resumed afterwards, also when the snapshot is refused (the VM is then unchanged).
   */
  public synchronized void load(Machine machine, String tag) throws SnapshotException {
    SnapshotInfo info = find(tag).orElseThrow(() -> notFound(tag));
    DiskSnapshots disks = new DiskSnapshots(machine.drives());
    disks.refuseUnsupported();
    if (!disks.presentOnAll(tag)) {
      throw notFound(tag);
    }
    Path file = dir.resolve(info.file());
    boolean wasRunning = machine.runState() == RunState.RUNNING;
    machine.pause();
    try {
      VmStateStream.load(machine,
          () -> new BufferedInputStream(Files.newInputStream(file), 1 << 20));
      // The stream checked out and is applied: now the disks, so they match the guest's RAM.
      disks.apply(tag);
      markCurrent(info.id());
    } catch (NoSuchFileException e) {
      throw new SnapshotException(
          "Snapshot '" + tag + "' cannot be loaded: its file " + file + " is missing", e);
    } catch (StreamException e) {
      throw new SnapshotException(
          "Snapshot '" + tag + "' cannot be loaded from " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new SnapshotException("Error while reading VM state from " + file + ": " + e, e);
    } finally {
      if (wasRunning) {
        machine.resume();
      }
    }
  }

  /**
   * Records that the VM's state now descends from snapshot {@code id}. Best effort: the VM is
   * already loaded, and a stale parent for the next snapshot is no reason to report a failed load.
   */
  private void markCurrent(int id) {
    try {
      writeIndex(readIndex().withCurrent(id));
    } catch (SnapshotException e) {
      // the next snapshot's parent is then the one before; nothing else depends on it
    }
  }

  /**
   * Deletes snapshot {@code tag}. Like QEMU's {@code delvm}, an unknown tag is not an error.
   *
   * @return whether a snapshot was deleted
   */
  public synchronized boolean delete(String tag) throws SnapshotException {
    return delete(tag, null);
  }

  /**
   * Deletes snapshot {@code tag} and, when {@code machine} is given, its disk half on the
   * machine's drives (after the index, so a crash leaves an unlisted disk snapshot at worst).
   *
   * @return whether a snapshot was deleted
   */
  public synchronized boolean delete(String tag, Machine machine) throws SnapshotException {
    boolean deleted = deleteIndexed(tag);
    if (machine != null) {
      DiskSnapshots disks = new DiskSnapshots(machine.drives());
      disks.delete(tag);
    }
    return deleted;
  }

  private boolean deleteIndexed(String tag) throws SnapshotException {
    SnapshotIndex index = readIndex();
    SnapshotInfo deleted = index.find(tag).orElse(null);
    if (deleted == null) {
      return false;
    }
    // Its children, and the current state if it came from it, now descend from its parent.
    int current = index.currentId() == deleted.id() ? deleted.parentId() : index.currentId();
    // Index first: a crash in between leaves an unnamed file, never a name without a file.
    writeIndex(new SnapshotIndex(SnapshotIndex.FORMAT, index.nextId(),
        withoutEntry(index.snapshots(), deleted), current));
    deleteFiles(deleted);
    return true;
  }

  public synchronized Optional<SnapshotInfo> find(String tag) throws SnapshotException {
    return readIndex().find(tag);
  }

  /** QEMU's loadvm message for a tag no disk has. */
  static SnapshotException notFound(String tag) {
    return new SnapshotException(
        "Snapshot '" + tag + "' does not exist in one or more devices");
  }

  private static void checkTag(String tag) throws SnapshotException {
    if (tag == null || tag.isBlank()) {
      throw new SnapshotException("a snapshot needs a non-empty tag");
    }
  }

  private void createDirectory() throws SnapshotException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SnapshotException("cannot create snapshot directory " + dir + ": " + e, e);
    }
  }

  private SnapshotIndex readIndex() throws SnapshotException {
    Path file = dir.resolve(INDEX);
    if (!Files.exists(file)) {
      return SnapshotIndex.empty();
    }
    try {
      SnapshotIndex index = json.readValue(file.toFile(), SnapshotIndex.class);
      if (index.format() != SnapshotIndex.FORMAT) {
        throw new SnapshotException(
            file + " has index format " + index.format() + "; this Cairn reads format "
                + SnapshotIndex.FORMAT);
      }
      return index;
    } catch (IOException e) {
      throw new SnapshotException("cannot read snapshot index " + file + ": " + e.getMessage(), e);
    }
  }

  private void writeIndex(SnapshotIndex index) throws SnapshotException {
    Path file = dir.resolve(INDEX);
    try {
      writeAtomically(file, out -> json.writeValue(out, index));
    } catch (IOException e) {
      throw new SnapshotException("cannot write snapshot index " + file + ": " + e, e);
    }
  }

  /** Writes into a file. */
  @FunctionalInterface
  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} through a fsynced temporary file renamed over it, so readers see the old
   * content or the complete new one. The temporary file is gone afterwards, also on failure.
   */
  private void writeAtomically(Path target, Writer writer) throws IOException {
    Path temp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        // Not closed by us: closing would close the channel before force().
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        writer.write(new NonClosing(out));
        out.flush();
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
    syncDirectory();
  }

  /** Makes the rename itself durable; not all file systems allow opening a directory. */
  private void syncDirectory() {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Best effort: the data is complete either way; only the rename may be lost on a crash.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Leftover file: harmless, since the index never names temporary or replaced files.
    }
  }

  /** Jackson closes what it writes to; the channel must stay open until it is forced. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
