package dev.cairn.ui.newvm;

import dev.cairn.block.BlockDrivers;
import dev.cairn.block.BlockException;
import dev.cairn.block.qcow2.Qcow2Create;
import dev.cairn.guest.CancelToken;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestBuildException;
import dev.cairn.guest.GuestImages;
import dev.cairn.guest.ProgressListener;
import dev.cairn.ui.library.DiskDefinition;
import dev.cairn.ui.library.LibraryException;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.library.VmLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The New VM (and Edit VM) form: its fields, what is wrong with them, and how the VM is made.
 *
 * <p>{@link #problems()} lists every reason the form cannot be accepted, in the order of the
 * fields, so the dialog shows the first and disables OK. {@link #create} does the slow part
 * (building the Debian images, creating the disk) and must run off the UI thread.
 */
public final class NewVmViewModel {

  static final int MIN_MEMORY_MIB = 64;
  static final int MAX_MEMORY_MIB = 16 * 1024;
  static final int MAX_DISK_GIB = 1024;

  private final StringProperty name = new SimpleStringProperty("");
  private final BooleanProperty debianTemplate = new SimpleBooleanProperty(true);
  private final IntegerProperty memoryMiB = new SimpleIntegerProperty(512);
  private final IntegerProperty diskGiB = new SimpleIntegerProperty(0);
  private final StringProperty firmware = new SimpleStringProperty("");
  private final StringProperty kernel = new SimpleStringProperty("");
  private final StringProperty initrd = new SimpleStringProperty("");
  private final StringProperty disk = new SimpleStringProperty("");
  private final StringProperty append = new SimpleStringProperty("console=ttyS0");
  private final BooleanProperty display = new SimpleBooleanProperty(true);
  private final Collection<String> takenNames;
  private final VmDefinition editing;
  private final StringBinding firstProblem;

  /** A form for a new VM; {@code takenNames} are the library's names (a new one must differ). */
  public NewVmViewModel(Collection<String> takenNames) {
    this(takenNames, null);
  }

  /** A form to edit {@code vm} (its template and disks stay; files and sizes may change). */
  public NewVmViewModel(Collection<String> takenNames, VmDefinition vm) {
    this.takenNames = takenNames;
    this.editing = vm;
    if (vm != null) {
      name.set(vm.name());
      debianTemplate.set(vm.template().equals(VmDefinition.TEMPLATE_DEBIAN));
      memoryMiB.set((int) vm.memoryMiB());
      firmware.set(nullToEmpty(vm.firmware()));
      kernel.set(vm.kernel());
      initrd.set(nullToEmpty(vm.initrd()));
      append.set(vm.append());
      display.set(vm.display());
      disk.set(vm.disks().isEmpty() ? "" : vm.disks().get(0).path());
    }
    firstProblem = Bindings.createStringBinding(
        () -> problems().isEmpty() ? "" : problems().get(0),
        name, debianTemplate, memoryMiB, diskGiB, firmware, kernel, initrd, disk);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  public boolean isEditing() {
    return editing != null;
  }

  /** Everything wrong with the form now; empty when it can be accepted. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    String n = name.get().strip();
    if (n.isEmpty()) {
      problems.add("Give the VM a name.");
    } else if (takenNames.contains(n) && (editing == null || !editing.name().equals(n))) {
      problems.add("A VM named '" + n + "' already exists.");
    }
    int mem = memoryMiB.get();
    if (mem < MIN_MEMORY_MIB || mem > MAX_MEMORY_MIB) {
      problems.add("Memory must be between " + MIN_MEMORY_MIB + " MiB and " + MAX_MEMORY_MIB
          + " MiB.");
    }
    if (diskGiB.get() < 0 || diskGiB.get() > MAX_DISK_GIB) {
      problems.add("Disk size must be between 0 (no disk) and " + MAX_DISK_GIB + " GiB.");
    }
    boolean needsFiles = !debianTemplate.get() || editing != null;
    if (needsFiles) {
      if (kernel.get().isBlank()) {
        problems.add("Choose a kernel image.");
      } else {
        fileProblem("Kernel", kernel.get(), problems);
      }
      optionalFile("Firmware", firmware.get(), problems);
      optionalFile("Initrd", initrd.get(), problems);
      if (!disk.get().isBlank()) {
        fileProblem("Disk", disk.get(), problems);
      }
    }
    return problems;
  }

  private static void optionalFile(String what, String path, List<String> problems) {
    if (!path.isBlank()) {
      fileProblem(what, path, problems);
    }
  }

  private static void fileProblem(String what, String path, List<String> problems) {
    Path p = Path.of(path.strip());
    if (!p.isAbsolute()) {
      problems.add(what + " path must be absolute: " + path);
    } else if (!Files.exists(p)) {
      problems.add(what + " file does not exist: " + path);
    } else if (Files.isDirectory(p)) {
      problems.add(what + " is a directory, not a file: " + path);
    } else if (!Files.isReadable(p)) {
      problems.add(what + " file cannot be read (permission denied): " + path);
    }
  }

  /** The first problem, or "" (bound to the dialog's message line). */
  public StringBinding firstProblem() {
    return firstProblem;
  }

  /**
   * Makes the VM and saves it in {@code library}: for the Debian template, builds (or finds in
   * the cache) the guest images, reporting to {@code progress}; creates the disk. Blocks; call
   * off the UI thread.
   *
   * @throws GuestBuildException when the images cannot be had, or {@code cancel} was cancelled
   * @throws LibraryException when a file cannot be written
   */
  public VmDefinition create(VmLibrary library, ProgressListener progress, CancelToken cancel)
      throws GuestBuildException, LibraryException {
    String id = VmLibrary.newId();
    String fw = emptyToNull(firmware.get());
    String k = kernel.get().strip();
    String rd = emptyToNull(initrd.get());
    String cmdline = append.get().strip();
    String template = VmDefinition.TEMPLATE_CUSTOM;
    if (debianTemplate.get()) {
      GuestImages images = DebianRecipe.create().build(progress, cancel);
      fw = images.firmware().toString();
      k = images.kernel().toString();
      rd = images.initrd().toString();
      cmdline = DebianRecipe.defaultKernelCommandLine();
      template = VmDefinition.TEMPLATE_DEBIAN;
    }
    List<DiskDefinition> disks = new ArrayList<>();
    if (!debianTemplate.get() && !disk.get().isBlank()) {
      Path path = Path.of(disk.get().strip());
      disks.add(new DiskDefinition(path.toString(), probeFormat(path), false, false));
    }
    if (diskGiB.get() > 0) {
      Path path = library.dirs().vmData(id).resolve("disk0.qcow2");
      createDisk(path, (long) diskGiB.get() << 30);
      disks.add(new DiskDefinition(path.toString(), "qcow2", false, true));
    }
    VmDefinition vm = new VmDefinition(id, name.get().strip(), template, memoryMiB.get(), fw, k,
        rd, cmdline, disks, System.currentTimeMillis(), display.get());
    library.save(vm);
    return vm;
  }

  /** The edited definition (same id, template and owned disks). */
  public VmDefinition edited() {
    List<DiskDefinition> disks = new ArrayList<>(editing.disks());
    String userDisk = disk.get().strip();
    disks.removeIf(d -> !d.owned());
    if (!userDisk.isEmpty() && disks.stream().noneMatch(d -> d.path().equals(userDisk))) {
      disks.add(0, new DiskDefinition(userDisk, probeFormat(Path.of(userDisk)), false, false));
    }
    return new VmDefinition(editing.id(), name.get().strip(), editing.template(),
        memoryMiB.get(), emptyToNull(firmware.get()), kernel.get().strip(),
        emptyToNull(initrd.get()), append.get().strip(), disks, editing.createdMillis(),
        display.get());
  }

  /** A new qcow2 image: it grows as the guest writes, and its internal snapshots hold the disk half of VM snapshots. */
  private static void createDisk(Path path, long bytes) throws LibraryException {
    try {
      Files.createDirectories(path.getParent());
      Qcow2Create.create(path, Qcow2Create.Options.of(bytes));
    } catch (IOException e) {
      throw new LibraryException("Cannot create the disk " + path + ": " + e.getMessage(), e);
    }
  }

  /** qcow2 by its magic, else raw (as QEMU probes); an unreadable file is left to validation. */
  static String probeFormat(Path path) {
    try {
      return BlockDrivers.probe(path);
    } catch (BlockException e) {
      return "raw";
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public StringProperty name() {
    return name;
  }

  public BooleanProperty debianTemplate() {
    return debianTemplate;
  }

  public IntegerProperty memoryMiB() {
    return memoryMiB;
  }

  public IntegerProperty diskGiB() {
    return diskGiB;
  }

  public StringProperty firmware() {
    return firmware;
  }

  public StringProperty kernel() {
    return kernel;
  }

  public StringProperty initrd() {
    return initrd;
  }

  public StringProperty disk() {
    return disk;
  }

  public StringProperty append() {
    return append;
  }

  /** Screen, keyboard and tablet (virtio-gpu, virtio-keyboard, virtio-tablet). */
  public BooleanProperty display() {
    return display;
  }
}
