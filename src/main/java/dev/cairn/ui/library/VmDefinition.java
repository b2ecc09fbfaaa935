package dev.cairn.ui.library;

import dev.cairn.machine.DisplayDevices;
import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.MachineConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A VM of the library as stored in its JSON file: what to boot and how big.
 *
 * @param id stable identifier, also the file name and data directory name
 * @param name what the user sees; unique within the library
 * @param template {@code "debian"} for the Debian riscv64 template, {@code "custom"} for files
 *     the user picked
 * @param memoryMiB RAM size
 * @param firmware OpenSBI or other firmware loaded at the start of RAM; null for none
 * @param kernel the kernel image (required)
 * @param initrd the initial ramdisk; null for none
 * @param append the kernel command line
 * @param disks virtio-blk disks in slot order
 * @param createdMillis when it was created, for sorting and the Details tab
 * @param display whether the VM has a screen, keyboard and tablet (virtio-gpu, -keyboard,
 *     -tablet); files written before this field existed read as false
 */
public record VmDefinition(
    String id,
    String name,
    String template,
    long memoryMiB,
    String firmware,
    String kernel,
    String initrd,
    String append,
    List<DiskDefinition> disks,
    long createdMillis,
    boolean display) {

  public static final String TEMPLATE_DEBIAN = "debian";
  public static final String TEMPLATE_CUSTOM = "custom";

  public VmDefinition {
    disks = disks == null ? List.of() : List.copyOf(disks);
    append = append == null ? "" : append;
  }

  public VmDefinition withName(String newName) {
    return new VmDefinition(
        id, newName, template, memoryMiB, firmware, kernel, initrd, append, disks, createdMillis,
        display);
  }

  /** The machine to build for this VM (a virtio-rng is always there: Linux boots faster with it). */
  public MachineConfig toMachineConfig() {
    List<DriveConfig> drives =
        disks.stream()
            .map(d -> new DriveConfig(Path.of(d.path()), d.format(), d.readOnly()))
            .toList();
    return new MachineConfig(
        memoryMiB << 20,
        firmware == null ? null : Path.of(firmware),
        Path.of(kernel),
        initrd == null ? null : Path.of(initrd),
        append,
        drives,
        true,
        false).withDisplay(display ? DisplayDevices.DESKTOP : DisplayDevices.NONE);
  }
}
