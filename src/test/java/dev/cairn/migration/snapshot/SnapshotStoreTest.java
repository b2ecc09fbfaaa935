package dev.cairn.migration.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import dev.cairn.migration.CounterGuest;
import dev.cairn.migration.GuestOutput;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named snapshots on disk: round trip, replace, delete, and failures that must lose nothing. */
class SnapshotStoreTest {

  @TempDir static Path guestDir;
  private static Path counter;
  @TempDir Path dir;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(guestDir);
  }

  private static MachineConfig config(List<DriveConfig> drives) {
    return new MachineConfig(16L << 20, null, counter, null, "", drives, false, true);
  }

  private static Machine machine() throws Exception {
    return Machine.create(config(List.of()));
  }

  /** Everything the counter guest prints when nothing interrupts it. */
  private static String uninterruptedOutput() throws Exception {
    try (Machine machine = machine()) {
      GuestOutput out = new GuestOutput(machine);
      machine.start();
      assertEquals(0, machine.awaitShutdown());
      return out.toString();
    }
  }

  /** Throws once more than {@code limit} bytes were written: a disk that fills up mid-save. */
  private static final class FailingAfter extends FilterOutputStream {
    private long left;

    FailingAfter(OutputStream out, long limit) {
      super(out);
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > left) {
        throw new IOException("No space left on device (injected)");
      }
      left -= len;
      out.write(b, off, len);
    }
  }

  private List<String> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void loadvmContinuesExactlyWhereSavevmWas() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    String whole;
    int printedAtSave;
    try (Machine machine = machine()) {
      GuestOutput out = new GuestOutput(machine);
      GuestOutput.runUntilPrinted(machine, out, 10);
      printedAtSave = out.length();
      store.save(machine, "ten");
      assertEquals(RunState.PAUSED, machine.runState(), "a paused VM stays paused");
      machine.resume();
      assertEquals(0, machine.awaitShutdown());
      whole = out.toString();
    }
    try (Machine machine = machine()) {
      GuestOutput out = new GuestOutput(machine);
      store.load(machine, "ten");
      machine.start();
      assertEquals(0, machine.awaitShutdown());
      assertEquals(whole.substring(printedAtSave), out.toString());
    }
  }

  @Test
  void aLiveCheckpointIsListedAndRestoresToItsFinalPause() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    String whole;
    int[] printedAtPause = {-1};
    SnapshotInfo info;
    try (Machine machine = machine()) {
      GuestOutput out = new GuestOutput(machine);
      machine.start();
      while (out.length() < 2) {
        Thread.onSpinWait();
      }
      info = store.saveLive(machine, "live", 300, progress -> {
        if (progress.status().equals("device")) {
          printedAtPause[0] = out.length();
        }
      });
      // Running, or already finished (a fast host ends the short count during the save): either
      // way not left paused.
      RunState after = machine.runState();
      assertTrue(after == RunState.RUNNING || after == RunState.SHUTDOWN,
          "the guest runs on after a checkpoint, but is " + after);
      assertEquals(0, machine.awaitShutdown());
      whole = out.toString();
    }
    assertEquals("live", store.list().get(0).tag());
    assertTrue(info.sizeBytes() > 0 && info.instructions() > 0, info.toString());
    try (Machine machine = machine()) {
      GuestOutput out = new GuestOutput(machine);
      store.load(machine, "live");
      machine.start();
      assertEquals(0, machine.awaitShutdown());
      assertEquals(whole.substring(printedAtPause[0]), out.toString());
    }
  }

  @Test
  void savevmOfARunningVmResumesItAndRecordsSizeClockAndInstructions() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine()) {
      GuestOutput out = new GuestOutput(machine);
      GuestOutput.runUntilPrinted(machine, out, 2);
      long clock = machine.clock().now();
      long instructions = machine.hart().instret();
      machine.resume();
      SnapshotInfo info = store.save(machine, "live");
      assertEquals(RunState.RUNNING, machine.runState());
      assertEquals(1, info.id());
      assertEquals(Files.size(dir.resolve(info.file())), info.sizeBytes());
      assertTrue(info.sizeBytes() > 0);
      assertTrue(info.instructions() >= instructions, info.toString());
      assertTrue(info.vmClockTicks() >= clock, info.toString());
      assertTrue(Math.abs(System.currentTimeMillis() - info.dateMillis()) < 60_000);
      assertEquals(List.of(info), store.list());
      assertEquals(List.of(info), new SnapshotStore(dir).list(), "the index is on disk");
      machine.powerOff();
    }
  }

  @Test
  void savingAnExistingTagReplacesItsEntryAndFile() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine()) {
      GuestOutput out = new GuestOutput(machine);
      GuestOutput.runUntilPrinted(machine, out, 1);
      SnapshotInfo first = store.save(machine, "a");
      SnapshotInfo other = store.save(machine, "b");
      machine.resume();
      while (out.length() < 3) {
        Thread.onSpinWait();
      }
      machine.pause();
      SnapshotInfo second = store.save(machine, "a");
      assertEquals(3, second.id(), "a replaced snapshot gets a new ID, as in QEMU");
      // b descended from the replaced a, so it now descends from a's parent (none).
      assertEquals(List.of(other.withParent(SnapshotInfo.NO_PARENT), second), store.list());
      assertFalse(Files.exists(dir.resolve(first.file())), "the old file is gone");
      assertTrue(second.instructions() > first.instructions());
      machine.powerOff();
    }
  }

  @Test
  void delvmRemovesEntryAndFileAndIgnoresUnknownTags() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine()) {
      SnapshotInfo a = store.save(machine, "a");
      SnapshotInfo b = store.save(machine, "b");
      assertTrue(store.delete("a"));
      assertFalse(store.delete("no-such"));
      assertEquals(List.of(b.withParent(a.parentId())), store.list(),
          "b now hangs from a's parent");
      assertFalse(Files.exists(dir.resolve(a.file())));
      assertEquals(3, store.save(machine, "c").id(), "IDs are not reused after a delvm");
    }
  }

  @Test
  void loadvmOfAnUnknownTagGivesQemusMessage() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine()) {
      SnapshotException e =
          assertThrows(SnapshotException.class, () -> store.load(machine, "no-such"));
      assertEquals("Snapshot 'no-such' does not exist in one or more devices", e.getMessage());
    }
  }

  @Test
  void aSaveThatFailsMidwayLeavesNoTempFileAndTheOlderSnapshotIntact() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    SnapshotInfo old;
    byte[] oldBytes;
    byte[] oldIndex;
    try (Machine machine = machine()) {
      old = store.save(machine, "keep");
      oldBytes = Files.readAllBytes(dir.resolve(old.file()));
      oldIndex = Files.readAllBytes(dir.resolve(SnapshotStore.INDEX));
      List<String> before = filesIn(dir);

      // The disk "fills up" halfway through the stream.
      long limit = old.sizeBytes() / 2;
      SnapshotStore failing = new SnapshotStore(dir, out -> new FailingAfter(out, limit));
      SnapshotException e =
          assertThrows(SnapshotException.class, () -> failing.save(machine, "keep"));
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertThrows(SnapshotException.class, () -> failing.save(machine, "new"));

      assertEquals(before, filesIn(dir), "no temporary file is left");
      assertArrayEquals(oldBytes, Files.readAllBytes(dir.resolve(old.file())));
      assertArrayEquals(oldIndex, Files.readAllBytes(dir.resolve(SnapshotStore.INDEX)));
      assertEquals(List.of(old), store.list());
    }
    try (Machine machine = machine()) {
      store.load(machine, "keep");
    }
  }

  @Test
  void aCorruptSnapshotIsRefusedAndTheRunningVmGoesOnUnchanged() throws Exception {
    String expected = uninterruptedOutput();
    SnapshotStore store = new SnapshotStore(dir);
    SnapshotInfo info;
    try (Machine machine = machine()) {
      info = store.save(machine, "bad");
    }
    Path file = dir.resolve(info.file());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file, bytes);

    try (Machine machine = machine()) {
      GuestOutput out = new GuestOutput(machine);
      GuestOutput.runUntilPrinted(machine, out, 3);
      machine.resume();
      SnapshotException e =
          assertThrows(SnapshotException.class, () -> store.load(machine, "bad"));
      assertTrue(e.getMessage().startsWith("Snapshot 'bad' cannot be loaded from "),
          e.getMessage());
      assertTrue(
          machine.runState() == RunState.RUNNING || machine.runState() == RunState.SHUTDOWN,
          "resumed after the refusal: " + machine.runState());
      assertEquals(0, machine.awaitShutdown());
      assertEquals(expected, out.toString(), "the guest ran on as if nothing had happened");
    }
  }

  @Test
  void savevmIsRefusedWithAWritableRawDrive() throws Exception {
    Path disk = dir.resolve("disk.raw");
    Files.write(disk, new byte[1 << 20]);
    Path snapshots = dir.resolve("snapshots");
    SnapshotStore store = new SnapshotStore(snapshots);
    try (Machine machine =
        Machine.create(config(List.of(new DriveConfig(disk, "raw", false))))) {
      SnapshotException e = assertThrows(SnapshotException.class, () -> store.save(machine, "x"));
      assertEquals("Device 'virtio0' is writable but does not support snapshots", e.getMessage());
      assertFalse(Files.exists(snapshots), "nothing was written");
    }
    try (Machine machine =
        Machine.create(config(List.of(new DriveConfig(disk, "raw", true))))) {
      store.save(machine, "x");
      assertEquals(1, store.list().size(), "a read-only drive does not change under the guest");
    }
  }

  @Test
  void aDamagedIndexIsReportedByNameAndNotOverwritten() throws Exception {
    Files.writeString(dir.resolve(SnapshotStore.INDEX), "{ not json");
    SnapshotStore store = new SnapshotStore(dir);
    SnapshotException e = assertThrows(SnapshotException.class, store::list);
    assertTrue(e.getMessage().startsWith(
        "cannot read snapshot index " + dir.resolve(SnapshotStore.INDEX)), e.getMessage());
    try (Machine machine = machine()) {
      assertThrows(SnapshotException.class, () -> store.save(machine, "x"));
    }
    assertEquals("{ not json", Files.readString(dir.resolve(SnapshotStore.INDEX)));
    assertEquals(List.of(SnapshotStore.INDEX), filesIn(dir));
  }
}
