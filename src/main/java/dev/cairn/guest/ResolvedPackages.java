package dev.cairn.guest;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The three packages a build uses, as resolved from the signed index, and how they are
 * remembered in the cache between runs.
 */
public record ResolvedPackages(PackageRecord kernel, PackageRecord busybox,
    PackageRecord opensbi) {

  public List<PackageRecord> all() {
    return List.of(kernel, busybox, opensbi);
  }

  /** Saves atomically to {@code file}. */
  public void save(Path file) throws IOException {
    Properties p = new Properties();
    put(p, "kernel", kernel);
    put(p, "busybox", busybox);
    put(p, "opensbi", opensbi);
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      p.store(w, "Packages verified against Debian's signed InRelease");
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Loads a saved resolution; empty if absent or unreadable (then the index is fetched). */
  public static Optional<ResolvedPackages> load(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
      return Optional.of(new ResolvedPackages(get(p, "kernel"), get(p, "busybox"),
          get(p, "opensbi")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void put(Properties p, String role, PackageRecord r) {
    p.setProperty(role + ".name", r.name());
    p.setProperty(role + ".version", r.version());
    p.setProperty(role + ".architecture", r.architecture());
    p.setProperty(role + ".filename", r.filename());
    p.setProperty(role + ".size", Long.toString(r.size()));
    p.setProperty(role + ".sha256", r.sha256());
  }

  private static PackageRecord get(Properties p, String role) {
    String name = p.getProperty(role + ".name");
    if (name == null) {
      throw new IllegalArgumentException("missing " + role);
    }
    PackageRecord r = new PackageRecord(name, p.getProperty(role + ".version", ""),
        p.getProperty(role + ".architecture", ""), "", p.getProperty(role + ".filename"),
        Long.parseLong(p.getProperty(role + ".size")), p.getProperty(role + ".sha256"));
    r.expected();
    return r;
  }
}
