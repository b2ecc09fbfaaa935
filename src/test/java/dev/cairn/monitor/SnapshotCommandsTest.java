package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.migration.snapshot.SnapshotInfo;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** savevm, loadvm, delvm and info snapshots: arguments, errors and QEMU's output shapes. */
class SnapshotCommandsTest {

  private final TypedSession typed = new TypedSession();
  private final FakeTarget target = typed.target;

  private String type(String line) {
    return typed.type(line);
  }

  /** 58.2 MiB, 3.079 s of VM clock: the numbers of the QEMU reference session. */
  private static SnapshotInfo info(int id, String tag, LocalDateTime date, ZoneId zone) {
    return new SnapshotInfo(id, tag, "snapshot-" + id + ".cvm", 61_027_123L,
        date.atZone(zone).toInstant().toEpochMilli(), 30_790_000L, 123_456_789L);
  }

  @Test
  void helpLinesCarryQemusTexts() {
    assertEquals(
        "savevm [tag] -- save a VM snapshot. If no tag is provided, a new snapshot is created\r\n",
        type("help savevm"));
    assertEquals("loadvm tag -- restore a VM snapshot from its tag\r\n", type("help loadvm"));
    assertEquals("delvm tag -- delete a VM snapshot from its tag\r\n", type("help delvm"));
    assertEquals("info snapshots  -- show the currently saved VM snapshots\r\n",
        type("help info snapshots"));
  }

  @Test
  void savevmLoadvmAndDelvmPrintNothingAndReachTheTarget() {
    assertEquals("", type("savevm before-upgrade"));
    assertEquals("", type("loadvm before-upgrade"));
    assertEquals("", type("delvm before-upgrade"));
    assertEquals(
        List.of("savevm before-upgrade", "loadvm before-upgrade", "delvm before-upgrade"),
        target.calls);
  }

  @Test
  void savevmWithoutATagNamesTheSnapshotAfterTheDateLikeQemu() {
    assertEquals("", type("savevm"));
    assertTrue(target.calls.get(0).matches("savevm vm-\\d{14}"), target.calls.toString());
  }

  @Test
  void loadvmAndDelvmNeedATag() {
    assertEquals("Error: loadvm: missing argument 'tag'\r\n", type("loadvm"));
    assertEquals("Error: delvm: missing argument 'tag'\r\n", type("delvm"));
    assertEquals(List.of(), target.calls);
  }

  @Test
  void aFailingLoadvmPrintsTheTargetsMessageAsAnError() {
    target.snapshotError = "Snapshot 'no-such' does not exist in one or more devices";
    assertEquals("Error: Snapshot 'no-such' does not exist in one or more devices\r\n",
        type("loadvm no-such"));
  }

  @Test
  void infoSnapshotsPrintsQemusTable() {
    ZoneId zone = ZoneId.systemDefault();
    target.snapshots.add(
        info(1, "before-upgrade", LocalDateTime.of(2026, 11, 25, 22, 7, 20), zone));
    target.snapshots.add(info(2, "second", LocalDateTime.of(2026, 11, 25, 22, 7, 21), zone));
    assertEquals(
        "List of snapshots present on all disks:\r\n"
            + "ID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT\r\n"
            + "--        before-upgrade   58.2 MiB 2026-11-25 22:07:20 00:00:03.079  123456789\r\n"
            + "--        second           58.2 MiB 2026-11-25 22:07:21 00:00:03.079  123456789\r\n",
        type("info snapshots"));
  }

  @Test
  void infoSnapshotsWithNoneSaysSoLikeQemu() {
    assertEquals("There is no snapshot available.\r\n", type("info snapshots"));
  }

  @Test
  void theTableLinesUpWithTheQemuReference() {
    String table = SnapshotTable.format(
        List.of(info(1, "before-upgrade", LocalDateTime.of(2026, 11, 25, 22, 7, 20),
            ZoneOffset.UTC)),
        ZoneOffset.UTC);
    String[] lines = table.split("\n");
    // Copied from QEMU 7.2's output in shared/reference/qemu-hmp-samples.txt.
    assertEquals("ID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT",
        lines[1]);
    assertTrue(lines[2].startsWith(
        "--        before-upgrade   58.2 MiB 2026-11-25 22:07:20 00:00:03.079"), lines[2]);
    assertEquals(lines[1].length(), lines[2].length(), "columns end where the header's do");
  }

  @Test
  void sizesAndClocksAreFormattedLikeQemu() {
    assertEquals("0 B", SnapshotTable.size(0));
    assertEquals("512 B", SnapshotTable.size(512));
    assertEquals("0.977 KiB", SnapshotTable.size(1000));
    assertEquals("1 KiB", SnapshotTable.size(1024));
    assertEquals("58.2 MiB", SnapshotTable.size(61_027_123L));
    assertEquals("2 GiB", SnapshotTable.size(2L << 30));
    assertEquals("00:00:03.079", SnapshotTable.clock(3_079_000_000L));
    assertEquals("27:46:40.000", SnapshotTable.clock(100_000_000_000_000L));
  }
}
