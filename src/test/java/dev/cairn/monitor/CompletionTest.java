package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.migration.snapshot.SnapshotInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Completion comes from the command table and each parameter's type. */
class CompletionTest {

  private final FakeTarget target = new FakeTarget();
  private final Monitor monitor = new Monitor(target);

  @Test
  void commandNamesComplete() {
    assertEquals(List.of("savevm", "screendump", "sendkey", "stop", "system_powerdown",
        "system_reset"),
        monitor.complete("s"));
  }

  @Test
  void infoRowsComplete() {
    assertEquals(List.of("registers"), monitor.complete("info reg"));
    assertEquals(List.of("migrate", "migrate_capabilities", "migrate_parameters", "mtree"),
        monitor.complete("info m"));
  }

  @Test
  void snapshotTagsCompleteForLoadvmAndDelvm() {
    target.snapshots.add(new SnapshotInfo(1, "before-upgrade", "a", 1, 0, 0, 0));
    target.snapshots.add(new SnapshotInfo(2, "second", "b", 1, 0, 0, 0));
    assertEquals(List.of("before-upgrade"), monitor.complete("loadvm be"));
    assertEquals(List.of("before-upgrade", "second"), monitor.complete("delvm "));
    assertEquals(List.of(), monitor.complete("loadvm second "), "loadvm takes one tag");
  }

  @Test
  void drivesAndHelpTopicsComplete() {
    target.drives.add("virtio0");
    assertEquals(List.of("all", "virtio0"), monitor.complete("commit "));
    assertEquals(List.of("quit"), monitor.complete("help qu"));
  }

  @Test
  void unknownCommandsCompleteNothing() {
    assertEquals(List.of(), monitor.complete("nope "));
  }
}
