package dev.cairn.ui.library;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The VMs the user has: one JSON file per VM in {@link CairnDirs#vmDefinitions()}, each VM's disks
 * and snapshots in {@link CairnDirs#vmData(String)}.
 *
 * <p>Files are written to a temporary name and renamed into place, so a crash never leaves half a
 * definition. A damaged file is reported by {@link #load()} and left as it is, never overwritten.
 * Not thread-safe: callers use it from one thread (the UI's library worker).
 */
public final class VmLibrary {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final CairnDirs dirs;

  public VmLibrary(CairnDirs dirs) {
    this.dirs = dirs;
  }

  public CairnDirs dirs() {
    return dirs;
  }

  /** What {@link #load()} found: the readable VMs, and one message per file that was not. */
  public record Contents(List<VmDefinition> vms, List<String> problems) {}

  /** Reads every definition, sorted by creation time. */
  public Contents load() {
    List<VmDefinition> vms = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Path dir = dirs.vmDefinitions();
    if (!Files.isDirectory(dir)) {
      return new Contents(vms, problems);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        try {
          vms.add(JSON.readValue(file.toFile(), VmDefinition.class));
        } catch (IOException e) {
          problems.add("The VM file " + file + " cannot be read and was skipped: "
              + e.getMessage().lines().findFirst().orElse(""));
        }
      }
    } catch (IOException e) {
      problems.add("The VM library " + dir + " cannot be listed: " + e.getMessage());
    }
    vms.sort(Comparator.comparingLong(VmDefinition::createdMillis));
    return new Contents(vms, problems);
  }

  /** A fresh id for a new VM. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Writes (creates or replaces) the definition of {@code vm}. */
  public void save(VmDefinition vm) throws LibraryException {
    Path file = definitionFile(vm.id());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      JSON.writeValue(tmp.toFile(), vm);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new LibraryException("Cannot save VM '" + vm.name() + "' to " + file + ": "
          + e.getMessage() + ". Check the directory's permissions and free space.", e);
    }
  }

  /** The files deleting {@code vm} removes: its own disks and everything in its data directory. */
  public List<Path> filesOwnedBy(VmDefinition vm) {
    List<Path> files = new ArrayList<>();
    Path data = dirs.vmData(vm.id());
    if (Files.isDirectory(data)) {
      try (Stream<Path> walk = Files.walk(data)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      } catch (IOException e) {
        // Listing is for the confirmation text only; the delete itself reports real failures.
      }
    }
    for (DiskDefinition disk : vm.disks()) {
      Path path = Path.of(disk.path());
      if (disk.owned() && !files.contains(path)) {
        files.add(path);
      }
    }
    return files;
  }

  /**
   * Removes {@code vm}'s definition and its data directory (owned disks, snapshots). Disks that
   * are the user's own files are kept.
   */
  public void delete(VmDefinition vm) throws LibraryException {
    Path file = definitionFile(vm.id());
    try {
      Files.deleteIfExists(file);
      for (DiskDefinition disk : vm.disks()) {
        if (disk.owned()) {
          Files.deleteIfExists(Path.of(disk.path()));
        }
      }
      deleteTree(dirs.vmData(vm.id()));
    } catch (IOException e) {
      throw new LibraryException("Cannot delete VM '" + vm.name() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Copies {@code vm} as a new VM named {@code name}: owned disks are copied into the new VM's
   * data directory, the user's own disks are shared read-only-as-before, snapshots are not copied
   * (they belong to the original's history).
   */
  public VmDefinition cloneAs(VmDefinition vm, String name) throws LibraryException {
    String id = newId();
    Path data = dirs.vmData(id);
    List<DiskDefinition> disks = new ArrayList<>();
    try {
      for (DiskDefinition disk : vm.disks()) {
        if (disk.owned()) {
          Files.createDirectories(data);
          Path copy = data.resolve(Path.of(disk.path()).getFileName());
          Files.copy(Path.of(disk.path()), copy);
          disks.add(new DiskDefinition(copy.toString(), disk.format(), disk.readOnly(), true));
        } else {
          disks.add(disk);
        }
      }
    } catch (IOException e) {
      deleteTreeQuietly(data);
      throw new LibraryException("Cannot copy the disks of '" + vm.name() + "': "
          + e.getMessage() + ". Check the free space in " + dirs.data() + ".", e);
    }
    VmDefinition clone = new VmDefinition(id, name, vm.template(), vm.memoryMiB(), vm.firmware(),
        vm.kernel(), vm.initrd(), vm.append(), disks, System.currentTimeMillis(), vm.display());
    save(clone);
    return clone;
  }

  /** Where VM {@code id}'s snapshots live. */
  public Path snapshotDirectory(String id) {
    return dirs.vmData(id).resolve("snapshots");
  }

  private Path definitionFile(String id) {
    return dirs.vmDefinitions().resolve(id + ".json");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void deleteTreeQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      // Cleaning up after a failure that is already being reported.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // As above.
    }
  }
}
