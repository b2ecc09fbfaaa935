package dev.cairn.guest;

import java.util.List;
import java.util.Set;

/**
 * What the recipe takes from the kernel package.
 *
 * @param version the kernel release, e.g. 6.12.117+deb13-riscv64 (the /lib/modules directory)
 * @param image the plain RISC-V Image
 * @param modules the wanted modules and their dependencies, each after the ones it needs
 * @param builtin requested modules found built into the kernel instead (canonical names)
 */
public record KernelContents(
    String version, byte[] image, List<KernelModule> modules, Set<String> builtin) {

  public KernelContents {
    modules = List.copyOf(modules);
    builtin = Set.copyOf(builtin);
  }
}
