package dev.cairn.machine;

import java.nio.file.Path;
import java.util.List;

/**
 * What to build and boot, in QEMU's terms.
 *
 * @param ramSize bytes of RAM ({@code -m})
 * @param bios firmware loaded at the start of RAM ({@code -bios}); null means {@code -bios none}
 * @param kernel a RISC-V Linux {@code Image} or an ELF file ({@code -kernel}); required
 * @param initrd initial ramdisk ({@code -initrd}); may be null
 * @param append kernel command line ({@code -append}); may be empty
 * @param drives virtio-blk disks in slot order
 * @param virtioRng whether to add a virtio-rng device
 * @param deterministicClock ties time to the instruction count (QEMU {@code -icount shift=0})
 * @param display the virtio-gpu, keyboard and tablet, if any
 */
public record MachineConfig(
    long ramSize,
    Path bios,
    Path kernel,
    Path initrd,
    String append,
    List<DriveConfig> drives,
    boolean virtioRng,
    boolean deterministicClock,
    DisplayDevices display) {

  public static final long DEFAULT_RAM = 512L << 20;

  public MachineConfig {
    drives = List.copyOf(drives);
    append = append == null ? "" : append;
    display = display == null ? DisplayDevices.NONE : display;
  }

  /** A VM without display or input devices. */
  public MachineConfig(long ramSize, Path bios, Path kernel, Path initrd, String append,
      List<DriveConfig> drives, boolean virtioRng, boolean deterministicClock) {
    this(ramSize, bios, kernel, initrd, append, drives, virtioRng, deterministicClock,
        DisplayDevices.NONE);
  }

  /** This configuration with {@code devices} for display and input. */
  public MachineConfig withDisplay(DisplayDevices devices) {
    return new MachineConfig(ramSize, bios, kernel, initrd, append, drives, virtioRng,
        deterministicClock, devices);
  }
}
