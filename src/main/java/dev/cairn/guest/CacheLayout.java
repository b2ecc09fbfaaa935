package dev.cairn.guest;

import java.nio.file.Path;
import java.util.Map;

/** Where the recipe keeps downloaded packages and built images under the user's cache dir. */
public final class CacheLayout {

  /** Names this guest flavour in cache paths. */
  public static final String FLAVOUR = "debian-trixie-riscv64";

  private final Path root;

  public CacheLayout(Path root) {
    this.root = root;
  }

  /** $XDG_CACHE_HOME/cairn, else ~/.cache/cairn. */
  public static CacheLayout forUser(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return new CacheLayout(base.resolve("cairn"));
  }

  public Path root() {
    return root;
  }

  /** Verified .deb files, each with a ".sha256" file recording the hash it was checked against. */
  public Path debs() {
    return root.resolve("debs");
  }

  /** The packages the last online run resolved, so a later run can skip the index. */
  public Path resolvedPackages() {
    return root.resolve(FLAVOUR + ".packages");
  }

  /** The built Image, firmware and initramfs. */
  public Path images() {
    return root.resolve("images").resolve(FLAVOUR);
  }
}
