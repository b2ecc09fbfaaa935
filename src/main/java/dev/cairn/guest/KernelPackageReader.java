package dev.cairn.guest;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tukaani.xz.XZInputStream;

/**
 * Pulls the kernel Image and a closed set of modules out of Debian's linux-image package.
 *
 * <p>The package has no modules.dep (depmod runs at install time), so dependencies come from
 * each module's .modinfo. The package is ~100 MB of modules, so instead of holding them all the
 * reader walks it once per dependency level, keeping only the modules asked for; the usual virtio
 * set needs a single pass.
 */
public final class KernelPackageReader {

  private static final int MAX_PASSES = 8;

  private final DebArchive deb;

  public KernelPackageReader(DebArchive deb) {
    this.deb = deb;
  }

  /**
   * Reads the kernel and {@code wanted} modules (any spelling) plus what they depend on; the
   * result keeps the wanted order except that dependencies come before their users.
   */
  public KernelContents read(List<String> wanted, ProgressListener progress, CancelToken cancel)
      throws GuestBuildException {
    Set<String> need = new LinkedHashSet<>();
    wanted.forEach(w -> need.add(KernelModule.canonicalName(w)));
    Map<String, KernelModule> have = new LinkedHashMap<>();
    Pass first = null;
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      Set<String> missing = new HashSet<>(need);
      missing.removeAll(have.keySet());
      if (first != null) {
        missing.removeAll(first.builtin);
      }
      if (missing.isEmpty()) {
        return finish(first, have, need);
      }
      Pass p = scan(missing, first == null, pass, progress, cancel);
      if (first == null) {
        first = p;
      }
      have.putAll(p.found);
      for (String m : missing) {
        if (!p.found.containsKey(m) && !first.builtin.contains(m)) {
          throw new GuestBuildException("Kernel module '" + m + "' is neither in the kernel"
              + " package " + first.version + " nor built into it (modules.builtin); the guest"
              + " cannot use the device it drives.");
        }
      }
      for (KernelModule km : p.found.values()) {
        need.addAll(km.depends());
      }
    }
    throw new GuestBuildException("Kernel module dependencies nest deeper than " + MAX_PASSES
        + " levels; the kernel package looks unusual.");
  }

  /** What one walk of the package found. */
  private static final class Pass {
    String version;
    String imagePath;
    byte[] image;
    final Set<String> builtin = new HashSet<>();
    final Map<String, KernelModule> found = new HashMap<>();
  }

  private Pass scan(Set<String> missing, boolean firstPass, int passNumber,
      ProgressListener progress, CancelToken cancel) throws GuestBuildException {
    Pass p = new Pass();
    String phase = passNumber == 1 ? "unpacking kernel package"
        : "unpacking kernel package (dependencies, pass " + passNumber + ")";
    deb.walk((path, entry, content) -> {
      if (!entry.isFile()) {
        return;
      }
      if (firstPass && isKernelFile(path)) {
        p.imagePath = path;
        p.version = path.substring(path.indexOf('-') + 1);
        p.image = content.readAllBytes();
      } else if (firstPass && path.endsWith("/modules.builtin") && isModulesDir(path)) {
        p.builtin.addAll(builtinNames(content));
      } else if (isModulesDir(path) && path.contains(".ko")) {
        String name = KernelModule.nameOfPath(path);
        if (missing.contains(name)) {
          p.found.put(name, module(path, content.readAllBytes()));
        }
      }
    }, phase, progress, cancel);
    if (firstPass && p.image == null) {
      throw new GuestBuildException("The kernel package has no /boot/vmlinux-* or /boot/vmlinuz-*"
          + " file; Debian changed its kernel packaging.");
    }
    return p;
  }

  private KernelContents finish(Pass first, Map<String, KernelModule> have, Set<String> need)
      throws GuestBuildException {
    byte[] image = KernelImage.toImage(first.image, "/" + first.imagePath);
    List<KernelModule> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    // Requested order first, dependencies pulled in ahead of whoever needs them.
    for (String name : need) {
      if (!have.containsKey(name)) {
        continue;
      }
      place(name, have, first.builtin, placed, new HashSet<>(), ordered);
    }
    Set<String> builtinUsed = new HashSet<>(need);
    builtinUsed.retainAll(first.builtin);
    return new KernelContents(first.version, image, ordered, builtinUsed);
  }

  /** Depth-first placement: every module after the modules it depends on. */
  private static void place(String name, Map<String, KernelModule> have, Set<String> builtin,
      Set<String> placed, Set<String> visiting, List<KernelModule> out)
      throws GuestBuildException {
    if (placed.contains(name) || builtin.contains(name)) {
      return;
    }
    if (!visiting.add(name)) {
      throw new GuestBuildException("Kernel modules depend on each other in a cycle through '"
          + name + "'; the kernel package looks damaged.");
    }
    KernelModule m = have.get(name);
    for (String dep : m.depends()) {
      place(dep, have, builtin, placed, visiting, out);
    }
    placed.add(name);
    out.add(m);
  }

  private static KernelModule module(String path, byte[] stored) throws GuestBuildException {
    byte[] elf = stored;
    String relative = path.substring(path.indexOf("/modules/") + "/modules/".length());
    relative = relative.substring(relative.indexOf('/') + 1);
    if (path.endsWith(".xz")) {
      try (InputStream in = new XZInputStream(new ByteArrayInputStream(stored))) {
        elf = in.readAllBytes();
      } catch (IOException e) {
        throw new GuestBuildException("Cannot decompress kernel module /" + path + ": "
            + e.getMessage() + ". Delete the cached kernel package and run again.", e);
      }
      relative = relative.substring(0, relative.length() - ".xz".length());
    } else if (!path.endsWith(".ko")) {
      throw new GuestBuildException("Kernel module /" + path + " uses a compression this tool"
          + " cannot read (it reads .ko and .ko.xz).");
    }
    ElfModinfo info = ElfModinfo.read(elf, "/" + path);
    return new KernelModule(KernelModule.nameOfPath(path), relative, elf, info.depends());
  }

  private static boolean isKernelFile(String path) {
    return path.startsWith("boot/vmlinux-") || path.startsWith("boot/vmlinuz-");
  }

  private static boolean isModulesDir(String path) {
    return path.startsWith("usr/lib/modules/") || path.startsWith("lib/modules/");
  }

  private static Set<String> builtinNames(InputStream content) throws IOException {
    Set<String> out = new HashSet<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (!line.isBlank()) {
        out.add(KernelModule.nameOfPath(line.trim()));
      }
    }
    return out;
  }
}
