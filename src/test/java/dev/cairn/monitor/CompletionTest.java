package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.migration.snapshot.SnapshotInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Completion comes from the command table and each parameter's type. */
class CompletionTest {

  private final FakeTarget target = new FakeTarget();
  private final Monitor monitor = new Monitor(target);

  /** Other command files add rows; completion must offer exactly the table's matching names. */
  @Test
  void commandNamesComplete() {
    List<String> offered = monitor.complete("s");
    assertTrue(offered.containsAll(List.of("savevm", "stop", "system_powerdown", "system_reset")),
        offered.toString());
    assertTrue(offered.stream().allMatch(name -> name.startsWith("s")), offered.toString());
    assertEquals(offered.stream().sorted().toList(), offered, "sorted");
    assertEquals(List.of("system_powerdown", "system_reset"), monitor.complete("system_"));
  }

  @Test
  void infoRowsComplete() {
    assertEquals(List.of("registers"), monitor.complete("info reg"));
    List<String> offered = monitor.complete("info m");
    assertTrue(offered.containsAll(List.of("migrate_capabilities", "mtree")), offered.toString());
    assertTrue(offered.stream().allMatch(name -> name.startsWith("m")), offered.toString());
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
