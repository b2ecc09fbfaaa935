package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.machine.MachineConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotDirectoryTest {

  private static MachineConfig config(String kernel, long ram) {
    return new MachineConfig(ram, null, Path.of(kernel), null, "", List.of(), false, false);
  }

  @Test
  void defaultIsUnderXdgDataHomeNamedByKernelAndRam() {
    MachineConfig config = config("/vm/Image", 512L << 20);
    Path got = SnapshotDirectory.defaultFor(config, Map.of("XDG_DATA_HOME", "/data"));
    assertEquals(Path.of("/data/cairn/snapshots", SnapshotDirectory.name(config)), got);
    assertEquals(12, SnapshotDirectory.name(config).length());
  }

  @Test
  void withoutXdgDataHomeOrWithARelativeOneItIsUnderLocalShare() {
    MachineConfig config = config("/vm/Image", 512L << 20);
    Path home = Path.of(System.getProperty("user.home"), ".local", "share", "cairn", "snapshots");
    assertEquals(home, SnapshotDirectory.defaultFor(config, Map.of()).getParent());
    assertEquals(home,
        SnapshotDirectory.defaultFor(config, Map.of("XDG_DATA_HOME", "rel")).getParent());
  }
}
