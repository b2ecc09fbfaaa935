package dev.cairn.migration.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.block.BlockDriver;
import dev.cairn.block.DiskSnapshot;
import dev.cairn.block.InternalSnapshots;
import dev.cairn.block.qcow2.QemuImg;
import dev.cairn.block.qcow2.Qcow2Create;
import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.CounterGuest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk half of savevm / loadvm / delvm / info snapshots on qcow2 drives. */
class DiskSnapshotsTest {

  @TempDir static Path guestDir;
  private static Path counter;
  @TempDir Path dir;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(guestDir);
  }

  private Machine machine(Path... disks) throws Exception {
    List<DriveConfig> drives = Arrays.stream(disks)
        .map(d -> new DriveConfig(d, "qcow2", false)).toList();
    return Machine.create(
        new MachineConfig(16L << 20, null, counter, null, "", drives, false, true));
  }

  private Path disk(String name) throws Exception {
    Path p = dir.resolve(name);
    Qcow2Create.create(p, Qcow2Create.Options.of(4 << 20));
    return p;
  }

  private static BlockDriver drive(Machine m, int i) {
    return m.drives().drives().get(i).driver();
  }

  private static void fill(BlockDriver d, int value) throws Exception {
    byte[] b = new byte[256 << 10];
    Arrays.fill(b, (byte) value);
    d.write(0, b, 0, b.length);
  }

  private static int first(BlockDriver d) throws Exception {
    byte[] b = new byte[1];
    d.read(1000, b, 0, 1);
    return b[0];
  }

  private static List<String> names(BlockDriver d) throws Exception {
    return ((InternalSnapshots) d).snapshots().stream().map(DiskSnapshot::name).toList();
  }

  @Test
  void savevmSnapshotsEveryDriveAndLoadvmRestoresThem() throws Exception {
    Path a = disk("a.qcow2");
    Path b = disk("b.qcow2");
    SnapshotStore store = new SnapshotStore(dir.resolve("snaps"));
    try (Machine m = machine(a, b)) {
      fill(drive(m, 0), 1);
      fill(drive(m, 1), 2);
      store.save(m, "one");
      assertEquals(List.of("one"), names(drive(m, 0)));
      assertEquals(List.of("one"), names(drive(m, 1)));
      fill(drive(m, 0), 3);
      fill(drive(m, 1), 4);
      store.save(m, "two");
      fill(drive(m, 0), 5);
      store.load(m, "one");
      assertEquals(1, first(drive(m, 0)));
      assertEquals(2, first(drive(m, 1)));
      store.load(m, "two");
      assertEquals(3, first(drive(m, 0)));
      assertEquals(4, first(drive(m, 1)));
      // Saving a tag again replaces both halves.
      fill(drive(m, 0), 6);
      store.save(m, "one");
      assertEquals(List.of("two", "one"), names(drive(m, 0)));
      store.load(m, "two");
      store.load(m, "one");
      assertEquals(6, first(drive(m, 0)));
      assertTrue(store.delete("two", m));
      assertEquals(List.of("one"), names(drive(m, 0)));
      assertEquals(List.of("one"), names(drive(m, 1)));
      assertEquals(List.of("one"), store.list(m).stream().map(SnapshotInfo::tag).toList());
    }
    for (Path p : List.of(a, b)) {
      QemuImg.checkClean(p);
      String list = QemuImg.ok("qemu-img", "snapshot", "-l", p.toString());
      assertTrue(list.contains(" one ") && !list.contains("two"), list);
    }
  }

  @Test
  void aLiveCheckpointTakesTheDiskHalfInItsFinalPause() throws Exception {
    Path a = disk("a.qcow2");
    SnapshotStore store = new SnapshotStore(dir.resolve("snaps"));
    try (Machine m = machine(a)) {
      fill(drive(m, 0), 1);
      m.start();
      store.saveLive(m, "live", 300, progress -> {});
      assertEquals(List.of("live"), names(drive(m, 0)));
      m.pause();
      fill(drive(m, 0), 2);
      store.load(m, "live");
      assertEquals(1, first(drive(m, 0)));
    }
    QemuImg.checkClean(a);
  }

  @Test
  void infoSnapshotsListsOnlyWhatIsOnEveryDriveAndLoadvmRefusesTheRest() throws Exception {
    Path a = disk("a.qcow2");
    SnapshotStore store = new SnapshotStore(dir.resolve("snaps"));
    try (Machine m = machine(a)) {
      store.save(m, "s");
      ((InternalSnapshots) drive(m, 0)).deleteSnapshot("s"); // e.g. by qemu-img snapshot -d
      assertTrue(store.list(m).isEmpty());
      assertEquals(1, store.list().size());
      fill(drive(m, 0), 9);
      SnapshotException e = assertThrows(SnapshotException.class, () -> store.load(m, "s"));
      assertEquals("Snapshot 's' does not exist in one or more devices", e.getMessage());
      assertEquals(9, first(drive(m, 0)), "nothing was applied");
    }
  }

  @Test
  void aSaveWhoseVmStateFailsLeavesNoDiskSnapshotAndTheOldOneIntact() throws Exception {
    Path a = disk("a.qcow2");
    SnapshotStore store = new SnapshotStore(dir.resolve("snaps"));
    SnapshotStore failing = new SnapshotStore(dir.resolve("snaps"), out -> new FilterOutputStream(
        out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device (injected)");
      }
    });
    try (Machine m = machine(a)) {
      fill(drive(m, 0), 1);
      store.save(m, "keep");
      fill(drive(m, 0), 2);
      assertThrows(SnapshotException.class, () -> failing.save(m, "keep"));
      assertThrows(SnapshotException.class, () -> failing.save(m, "new"));
      assertEquals(List.of("keep"), names(drive(m, 0)));
      store.load(m, "keep");
      assertEquals(1, first(drive(m, 0)), "the older snapshot still holds the older disk");
    }
    QemuImg.checkClean(a);
  }

  @Test
  void aWritableRawDriveRefusesSavevmButAReadOnlyOneTakesNoPart() throws Exception {
    Path q = disk("q.qcow2");
    Path raw = dir.resolve("r.raw");
    java.nio.file.Files.write(raw, new byte[1 << 20]);
    SnapshotStore store = new SnapshotStore(dir.resolve("snaps"));
    try (Machine m = Machine.create(new MachineConfig(16L << 20, null, counter, null, "",
        List.of(new DriveConfig(q, "qcow2", false), new DriveConfig(raw, "raw", false)), false,
        true))) {
      SnapshotException e = assertThrows(SnapshotException.class, () -> store.save(m, "x"));
      assertEquals("Device 'virtio1' is writable but does not support snapshots", e.getMessage());
      assertTrue(names(drive(m, 0)).isEmpty(), "no half-made disk snapshot");
    }
    try (Machine m = Machine.create(new MachineConfig(16L << 20, null, counter, null, "",
        List.of(new DriveConfig(q, "qcow2", false), new DriveConfig(raw, "raw", true)), false,
        true))) {
      store.save(m, "x");
      assertEquals(List.of("x"), names(drive(m, 0)));
    }
  }
}
