package dev.cairn.cli;

import dev.cairn.machine.MachineConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where {@code cairn run} keeps savevm snapshots when {@code -snapshot-dir} is not given.
 *
 * <p>QEMU stores snapshots inside the qcow2 disks, so the same command line finds them again.
 * Cairn keeps them apart from the disks, in a directory named after what makes a stream loadable
 * (the kernel and the RAM size): {@code $XDG_DATA_HOME/cairn/snapshots/<hash>}, else
 * {@code ~/.local/share/cairn/snapshots/<hash>}.
 */
final class SnapshotDirectory {

  private SnapshotDirectory() {}

  static Path defaultFor(MachineConfig config, Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    // The XDG spec says relative values are invalid and must be ignored.
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("cairn").resolve("snapshots").resolve(name(config));
  }

  /** 12 hex digits of SHA-256 over the kernel's absolute path and the RAM size. */
  static String name(MachineConfig config) {
    String key = config.kernel().toAbsolutePath().normalize() + "\n" + config.ramSize();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }
}
