package dev.cairn.ui.library;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the app keeps its files, after the XDG base directory specification: VM definitions and
 * window settings under {@code $XDG_CONFIG_HOME/cairn}, disks and snapshots under
 * {@code $XDG_DATA_HOME/cairn}.
 *
 * <p>Reference: XDG Base Directory Specification 0.8 (defaults {@code ~/.config},
 * {@code ~/.local/share}; relative values are ignored).
 */
public record CairnDirs(Path config, Path data) {

  /** The directories for this user, from the environment and {@code user.home}. */
  public static CairnDirs fromEnvironment(Map<String, String> env, Path home) {
    return new CairnDirs(
        base(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("cairn"),
        base(env.get("XDG_DATA_HOME"), home.resolve(".local/share")).resolve("cairn"));
  }

  public static CairnDirs forCurrentUser() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  private static Path base(String value, Path fallback) {
    if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
      return fallback;
    }
    return Path.of(value);
  }

  /** One JSON file per VM. */
  public Path vmDefinitions() {
    return config.resolve("vms");
  }

  /** The data directory of VM {@code id}: its disks and its {@code snapshots/}. */
  public Path vmData(String id) {
    return data.resolve("vms").resolve(id);
  }

  /** Window size, split positions, last selected VM, theme. */
  public Path uiSettings() {
    return config.resolve("ui.json");
  }
}
