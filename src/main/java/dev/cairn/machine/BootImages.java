package dev.cairn.machine;

import dev.cairn.memory.GuestRam;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Places firmware, kernel, initrd, device tree and OpenSBI's {@code fw_dynamic} information in RAM
 * where QEMU's {@code virt} board puts them, and says where the hart starts.
 *
 * <p>Reference: QEMU {@code hw/riscv/boot.c} (kernel start after the firmware aligned to 2 MiB on
 * RV64, initrd at kernel + min(RAM/2, 128 MiB), FDT 2 MiB-aligned below the end of RAM);
 * Linux {@code Documentation/riscv/boot-image-header.rst}; OpenSBI {@code docs/firmware/fw_dynamic.md}.
 */
final class BootImages {

  /** Where the hart starts and what it finds in a0..a2. */
  record Entry(long pc, long a0, long a1, long a2, String summary) {}

  static final int IMAGE_MAGIC2_OFFSET = 0x38;
  static final int IMAGE_MAGIC2 = 0x05435352; // "RSC\x05", little-endian
  private static final long MIB = 1L << 20;
  private static final long FW_DYNAMIC_MAGIC = 0x4942534fL; // "OSBI"
  private static final long FW_DYNAMIC_VERSION = 2;
  private static final long NEXT_MODE_S = 1;

  private BootImages() {}

  static byte[] readFile(Path file, String what) throws MachineConfigException {
    if (file == null) {
      throw new MachineConfigException("no " + what + " given");
    }
    try {
      if (Files.isDirectory(file)) {
        throw new MachineConfigException(what + " '" + file + "' is a directory, not a file");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new MachineConfigException("could not open " + what + " '" + file + "': no such file");
    } catch (IOException e) {
      throw new MachineConfigException(
          "could not read " + what + " '" + file + "': " + e.getMessage(), e);
    }
  }

  /** Loads everything and returns the hart's entry state. {@code dtbFor} builds the FDT. */
  static Entry load(MachineConfig config, GuestRam ram, DtbFactory dtbFor)
      throws MachineConfigException {
    byte[] kernel = readFile(config.kernel(), "kernel");
    byte[] initrd = config.initrd() == null ? null : readFile(config.initrd(), "initrd");
    long ramBase = ram.base();
    long ramEnd = ram.end();

    long kernelEntry;
    long kernelEnd;
    long firmwareEnd = ramBase;
    byte[] firmware = null;
    if (config.bios() != null) {
      firmware = readFile(config.bios(), "firmware");
      firmwareEnd = ramBase + firmware.length;
      require(firmwareEnd <= ramEnd, "firmware", firmware.length, config);
    }
    if (ElfImage.isElf(kernel)) {
      ElfImage elf = ElfImage.parse(kernel, config.kernel());
      elf.checkFits(ram, config.kernel());
      kernelEntry = elf.entry();
      kernelEnd = elf.highestAddress();
      elf.load(ram);
    } else {
      checkLinuxImage(kernel, config.kernel());
      long imageSize = imageSize(kernel);
      kernelEntry = config.bios() == null ? ramBase : alignUp(firmwareEnd, 2 * MIB);
      kernelEnd = kernelEntry + Math.max(imageSize, kernel.length);
      require(kernelEnd <= ramEnd, "kernel", kernelEnd - ramBase, config);
      ram.write(kernelEntry, kernel, 0, kernel.length);
    }
    if (firmware != null) {
      ram.write(ramBase, firmware, 0, firmware.length);
    }

    long initrdStart = 0;
    long initrdEnd = 0;
    if (initrd != null) {
      long memSize = ram.size();
      initrdStart = alignUp(Math.max(kernelEnd, kernelEntry + Math.min(memSize / 2, 128 * MIB)), 8);
      if (initrdStart + initrd.length > ramEnd - 2 * MIB) {
        initrdStart = alignUp(kernelEnd, 4096);
      }
      initrdEnd = initrdStart + initrd.length;
      require(initrdEnd <= ramEnd - 2 * MIB, "kernel and initrd", initrdEnd - ramBase + 2 * MIB,
          config);
      ram.write(initrdStart, initrd, 0, initrd.length);
    }

    byte[] dtb = dtbFor.build(initrdStart, initrdEnd);
    long fdtAddress = alignDown(Math.min(ramEnd, ramBase + 3072 * MIB) - dtb.length, 2 * MIB);
    require(fdtAddress - 64 >= Math.max(kernelEnd, initrdEnd), "kernel, initrd and device tree",
        Math.max(kernelEnd, initrdEnd) - ramBase + 2 * MIB + dtb.length, config);
    ram.write(fdtAddress, dtb, 0, dtb.length);

    // Below the FDT: OpenSBI grows the FDT in place when it patches it, so nothing may follow it.
    long fwDynamic = fdtAddress - 64;
    ByteBuffer info = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN);
    info.putLong(FW_DYNAMIC_MAGIC).putLong(FW_DYNAMIC_VERSION).putLong(kernelEntry)
        .putLong(NEXT_MODE_S).putLong(0).putLong(0);
    ram.write(fwDynamic, info.array(), 0, info.capacity());

    long pc = firmware != null ? ramBase : kernelEntry;
    String summary = String.format(
        "firmware %s, kernel at 0x%x, initrd 0x%x-0x%x, fdt at 0x%x",
        firmware != null ? "at 0x" + Long.toHexString(ramBase) : "none", kernelEntry,
        initrdStart, initrdEnd, fdtAddress);
    return new Entry(pc, 0, fdtAddress, fwDynamic, summary);
  }

  /** Builds the device tree once the initrd's place is known. */
  interface DtbFactory {
    byte[] build(long initrdStart, long initrdEnd);
  }

  private static void checkLinuxImage(byte[] kernel, Path file) throws MachineConfigException {
    if (kernel.length < 0x40
        || ByteBuffer.wrap(kernel).order(ByteOrder.LITTLE_ENDIAN).getInt(IMAGE_MAGIC2_OFFSET)
            != IMAGE_MAGIC2) {
      throw new MachineConfigException(
          "kernel '" + file + "' is not a RISC-V Linux Image (no \"RSC\\x05\" magic at offset"
              + " 0x38) nor a RISC-V ELF file");
    }
  }

  /** The kernel's effective image size from its header (includes BSS), at offset 16. */
  private static long imageSize(byte[] kernel) {
    return ByteBuffer.wrap(kernel).order(ByteOrder.LITTLE_ENDIAN).getLong(16);
  }

  private static void require(boolean fits, String what, long needed, MachineConfig config)
      throws MachineConfigException {
    if (!fits) {
      throw new MachineConfigException(String.format(
          "RAM of %d MiB is too small for the %s (needs at least %d MiB); use a larger -m",
          config.ramSize() >> 20, what, (needed + MIB - 1) / MIB));
    }
  }

  static long alignUp(long value, long alignment) {
    return (value + alignment - 1) & -alignment;
  }

  static long alignDown(long value, long alignment) {
    return value & -alignment;
  }
}
