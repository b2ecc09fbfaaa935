package dev.cairn.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A searchable Packages index: package name to its stanza's download fields. */
public final class PackageIndex {

  private final Map<String, PackageRecord> byName = new HashMap<>();

  /** Adds the stanzas of an (uncompressed) Packages file; a later duplicate name is ignored. */
  public PackageIndex addAll(InputStream packagesText) throws IOException {
    BufferedReader in = new BufferedReader(
        new InputStreamReader(packagesText, StandardCharsets.UTF_8), 1 << 16);
    Deb822.forEach(in, s -> {
      String name = s.get("Package");
      String filename = s.get("Filename");
      String sha = s.get("SHA256");
      String size = s.get("Size");
      if (name == null || filename == null || sha == null || size == null) {
        return;
      }
      byName.putIfAbsent(name, new PackageRecord(name, s.get("Version", ""),
          s.get("Architecture", ""), s.get("Depends", ""), filename, Long.parseLong(size),
          sha));
    });
    return this;
  }

  public Optional<PackageRecord> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public int size() {
    return byName.size();
  }

  /** The package named {@code name}, or an error telling which index lacked it. */
  public PackageRecord require(String name) throws GuestBuildException {
    PackageRecord r = byName.get(name);
    if (r == null) {
      throw new GuestBuildException("Package '" + name + "' is not in the mirror's riscv64"
          + " Packages index; the mirror may be incomplete or not carry riscv64.");
    }
    return r;
  }

  /**
   * Follows a metapackage to the real package it depends on: the first dependency whose name
   * starts with {@code prefix} (e.g. linux-image-riscv64 to linux-image-6.12.x+debNN-riscv64).
   */
  public PackageRecord followMetapackage(String meta, String prefix) throws GuestBuildException {
    PackageRecord m = require(meta);
    for (String clause : m.depends().split(",")) {
      for (String alternative : clause.split("\\|")) {
        String dep = alternative.trim();
        int paren = dep.indexOf('(');
        String depName = (paren >= 0 ? dep.substring(0, paren) : dep).trim();
        int colon = depName.indexOf(':');
        if (colon >= 0) {
          depName = depName.substring(0, colon);
        }
        if (depName.startsWith(prefix) && !depName.equals(meta)) {
          return require(depName);
        }
      }
    }
    throw new GuestBuildException("Metapackage '" + meta + "' (Depends: " + m.depends()
        + ") names no '" + prefix + "*' package; Debian changed its packaging.");
  }
}
