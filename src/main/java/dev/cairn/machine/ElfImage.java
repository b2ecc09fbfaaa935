package dev.cairn.machine;

import dev.cairn.memory.GuestRam;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A 64-bit little-endian RISC-V ELF executable, loaded by its PT_LOAD segments at their physical
 * addresses, as QEMU's {@code -kernel} does with ELF files.
 *
 * <p>Reference: System V ABI, ELF-64 Object File Format 1.5 (file header, program headers);
 * RISC-V ELF psABI (EM_RISCV = 243).
 */
final class ElfImage {

  private static final int EM_RISCV = 243;
  private static final int PT_LOAD = 1;

  private record Segment(long paddr, int fileOffset, int fileSize, long memSize) {}

  private final byte[] data;
  private final long entry;
  private final List<Segment> segments;

  private ElfImage(byte[] data, long entry, List<Segment> segments) {
    this.data = data;
    this.entry = entry;
    this.segments = segments;
  }

  static boolean isElf(byte[] data) {
    return data.length >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
  }

  static ElfImage parse(byte[] data, Path file) throws MachineConfigException {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (data.length < 64 || data[4] != 2 || data[5] != 1) {
      throw new MachineConfigException("'" + file + "' is not a 64-bit little-endian ELF file");
    }
    if ((b.getShort(18) & 0xFFFF) != EM_RISCV) {
      throw new MachineConfigException("'" + file + "' is an ELF file for another architecture"
          + " (e_machine " + (b.getShort(18) & 0xFFFF) + "), not RISC-V");
    }
    long entry = b.getLong(24);
    long phoff = b.getLong(32);
    int phentsize = b.getShort(54) & 0xFFFF;
    int phnum = b.getShort(56) & 0xFFFF;
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      long at = phoff + (long) i * phentsize;
      if (at < 0 || at + 56 > data.length) {
        throw new MachineConfigException("'" + file + "' has a truncated program header table");
      }
      int p = (int) at;
      if (b.getInt(p) != PT_LOAD) {
        continue;
      }
      long offset = b.getLong(p + 8);
      long paddr = b.getLong(p + 24);
      long fileSize = b.getLong(p + 32);
      long memSize = b.getLong(p + 40);
      if (offset < 0 || fileSize < 0 || offset + fileSize > data.length || memSize < fileSize) {
        throw new MachineConfigException("'" + file + "' has a segment outside the file");
      }
      segments.add(new Segment(paddr, (int) offset, (int) fileSize, memSize));
    }
    if (segments.isEmpty()) {
      throw new MachineConfigException("'" + file + "' has nothing to load (no PT_LOAD segment)");
    }
    return new ElfImage(data, entry, segments);
  }

  long entry() {
    return entry;
  }

  long highestAddress() {
    long end = 0;
    for (Segment s : segments) {
      end = Math.max(end, s.paddr + s.memSize);
    }
    return end;
  }

  void checkFits(GuestRam ram, Path file) throws MachineConfigException {
    for (Segment s : segments) {
      if (!ram.contains(s.paddr, s.memSize)) {
        throw new MachineConfigException(String.format(
            "'%s' loads at 0x%x-0x%x, outside RAM 0x%x-0x%x (use a larger -m?)",
            file, s.paddr, s.paddr + s.memSize, ram.base(), ram.end()));
      }
    }
  }

  void load(GuestRam ram) {
    for (Segment s : segments) {
      ram.write(s.paddr, data, s.fileOffset, s.fileSize);
      // bytes between fileSize and memSize are BSS: RAM already reads as zero
    }
  }
}
