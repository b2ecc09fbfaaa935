package dev.cairn.guest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code .modinfo} section of a Linux kernel module (an ELF64 relocatable file).
 *
 * <p>The section is found through the ELF section headers rather than by scanning the file for
 * "depends=": the same text can appear elsewhere in a module (string tables, .rodata of a module
 * that handles modinfo itself), and only the section is authoritative.
 */
public final class ElfModinfo {

  private final Map<String, List<String>> values;

  private ElfModinfo(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses {@code elf}; {@code what} names the module in error messages. */
  public static ElfModinfo read(byte[] elf, String what) throws GuestBuildException {
    try {
      return new ElfModinfo(parse(elf, what));
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new GuestBuildException("Kernel module " + what + " is a truncated or malformed ELF"
          + " file (" + e.getMessage() + "); the kernel package may be damaged.");
    }
  }

  private static Map<String, List<String>> parse(byte[] elf, String what)
      throws GuestBuildException {
    if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
      throw new GuestBuildException("Kernel module " + what + " is not an ELF file.");
    }
    if (elf[4] != 2 || elf[5] != 1) {
      throw new GuestBuildException("Kernel module " + what
          + " is not a little-endian ELF64 file; it is not a riscv64 module.");
    }
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    long shoff = b.getLong(0x28);
    int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
    int shnum = Short.toUnsignedInt(b.getShort(0x3C));
    int shstrndx = Short.toUnsignedInt(b.getShort(0x3E));
    if (shnum == 0 || shstrndx >= shnum || shentsize < 64) {
      throw new GuestBuildException("Kernel module " + what + " has no usable section table.");
    }
    int strtab = header(b, shoff, shentsize, shstrndx);
    int namesOffset = Math.toIntExact(b.getLong(strtab + 0x18));
    for (int i = 0; i < shnum; i++) {
      int h = header(b, shoff, shentsize, i);
      String name = cString(elf, namesOffset + b.getInt(h));
      if (name.equals(".modinfo")) {
        int off = Math.toIntExact(b.getLong(h + 0x18));
        int size = Math.toIntExact(b.getLong(h + 0x20));
        return split(elf, off, size);
      }
    }
    throw new GuestBuildException("Kernel module " + what + " has no .modinfo section.");
  }

  private static int header(ByteBuffer b, long shoff, int shentsize, int index) {
    long at = shoff + (long) index * shentsize;
    if (at < 0 || at + 64 > b.capacity()) {
      throw new IndexOutOfBoundsException("section header " + index + " lies outside the file");
    }
    return (int) at;
  }

  private static String cString(byte[] data, int offset) {
    int end = offset;
    while (data[end] != 0) {
      end++;
    }
    return new String(data, offset, end - offset, StandardCharsets.US_ASCII);
  }

  /** .modinfo is a run of NUL-terminated "key=value" strings, possibly NUL-padded. */
  private static Map<String, List<String>> split(byte[] elf, int off, int size) {
    if (off < 0 || size < 0 || off + size > elf.length) {
      throw new IndexOutOfBoundsException(".modinfo lies outside the file");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    int start = off;
    for (int i = off; i <= off + size; i++) {
      if (i == off + size || elf[i] == 0) {
        if (i > start) {
          String kv = new String(elf, start, i - start, StandardCharsets.UTF_8);
          int eq = kv.indexOf('=');
          if (eq > 0) {
            out.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>())
                .add(kv.substring(eq + 1));
          }
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** All values of {@code key} in file order (e.g. several "alias=" lines). */
  public List<String> all(String key) {
    return values.getOrDefault(key, List.of());
  }

  /** The module's name ("name=" field), or null for very old modules without one. */
  public String name() {
    List<String> v = all("name");
    return v.isEmpty() ? null : v.get(0);
  }

  /** Names of modules this one needs loaded first ("depends=" is comma-separated). */
  public List<String> depends() {
    List<String> out = new ArrayList<>();
    for (String v : all("depends")) {
      for (String d : v.split(",")) {
        if (!d.isBlank()) {
          out.add(KernelModule.canonicalName(d.trim()));
        }
      }
    }
    return out;
  }

  /** The kernel version and options the module was built for ("vermagic="). */
  public String vermagic() {
    List<String> v = all("vermagic");
    return v.isEmpty() ? "" : v.get(0);
  }
}
