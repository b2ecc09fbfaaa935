package dev.cairn.migration.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import dev.cairn.migration.VmStateStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveSaveTest {

  @TempDir static Path dir;
  private static Path counter;

  @BeforeAll
  static void buildGuest() throws Exception {
    // Long enough (about 140 M instructions) that the guest still runs when a save starts, even
    // on a loaded machine.
    counter = dev.cairn.migration.CounterGuest.build(dir, 8_000_000);
  }

  private static MachineConfig config() {
    return config(16L << 20);
  }

  private static MachineConfig config(long ramSize) {
    return new MachineConfig(ramSize, null, counter, null, "", List.of(), false, true);
  }

  @Test
  void aLiveCheckpointRestoresToTheInstantOfItsFinalPause() throws Exception {
    StringBuffer original = new StringBuffer();
    int[] printedAtPause = {-1};
    RunState[] stateWhileSending = {null};
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    SaveProgress result;
    try (Machine machine = Machine.create(config())) {
      machine.setSerialSink(b -> original.append((char) b));
      machine.start();
      while (original.length() < 2) {
        Thread.onSpinWait();
      }
      LiveSave save = new LiveSave(machine, stream, 5, LiveSave.AfterSave.RESUME);
      save.addListener(p -> {
        if (stateWhileSending[0] == null && p.status().equals("active")) {
          stateWhileSending[0] = machine.runState();
        }
        if (p.status().equals("device")) {
          printedAtPause[0] = original.length();
        }
      });
      result = save.start().get(60, TimeUnit.SECONDS);
      assertEquals(0, machine.awaitShutdown());
    }
    assertEquals("completed", result.status());
    assertEquals(RunState.RUNNING, stateWhileSending[0], "the guest runs while RAM is sent");

    StringBuffer restored = new StringBuffer();
    try (Machine machine = Machine.create(config())) {
      machine.setSerialSink(b -> restored.append((char) b));
      VmStateStream.load(machine, new ByteArrayInputStream(stream.toByteArray()));
      machine.start();
      assertEquals(0, machine.awaitShutdown());
    }
    assertEquals(original.substring(printedAtPause[0]), restored.toString());
  }

  @Test
  void aCancelledSaveLeavesTheGuestRunningToItsEnd() throws Exception {
    StringBuffer output = new StringBuffer();
    try (Machine machine = Machine.create(config())) {
      machine.setSerialSink(b -> output.append((char) b));
      machine.start();
      LiveSave save = new LiveSave(machine, new ByteArrayOutputStream(), 0,
          LiveSave.AfterSave.STAY_PAUSED);
      save.cancel();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> save.start().get(60, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("cancelled"), e.getCause().getMessage());
      assertEquals("cancelled", save.progress().status());
      assertTrue(machine.runState() == RunState.RUNNING
          || machine.runState() == RunState.SHUTDOWN);
      assertEquals(0, machine.awaitShutdown());
    }
    assertTrue(output.toString().endsWith("\n"), "the guest printed its checksum line");
  }

  /** A test-only live section: three chunks in the first pass, one chunk in each later one. */
  private static class CountingSection implements LiveSection {
    private int chunksLeft;
    private int pass;
    private boolean finished;

    @Override
    public String name() {
      return "test-live";
    }

    @Override
    public int instance() {
      return 0;
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public byte[] setup() {
      chunksLeft = 3;
      return new byte[] {1};
    }

    @Override
    public byte[] nextChunk(int maxBytes) {
      if (chunksLeft == 0) {
        return new byte[0];
      }
      chunksLeft--;
      return new byte[] {(byte) pass, (byte) chunksLeft};
    }

    @Override
    public long syncDirty() {
      pass++;
      chunksLeft = 1;
      return 1;
    }

    @Override
    public long pendingBytes() {
      return chunksLeft * 2L;
    }

    @Override
    public void finish() {
      finished = true;
    }
  }

  @Test
  void liveSectionsTakeTurnsInOneStream() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    CountingSection extra = new CountingSection();
    // 1 GiB of RAM is 2 MiB of zero-page flags: more than one chunk in the first pass whatever
    // the guest does, so the turn-taking shows in that pass alone.
    try (Machine machine = Machine.create(config(1L << 30))) {
      machine.start();
      LiveSave save = new LiveSave(machine, stream, 1000, LiveSave.AfterSave.RESUME);
      save.addLiveSection(extra);
      save.start().get(60, TimeUnit.SECONDS);
      machine.powerOff();
    }
    assertTrue(extra.finished);

    var reader = new dev.cairn.migration.stream.StreamReader(
        new ByteArrayInputStream(stream.toByteArray()));
    reader.readHeader();
    java.util.Map<Integer, String> names = new java.util.HashMap<>();
    StringBuilder order = new StringBuilder();
    dev.cairn.migration.stream.StreamRecord record;
    while ((record = reader.next()).type() != dev.cairn.migration.stream.RecordType.EOF) {
      if (record.name() != null) {
        names.put(record.id(), record.name());
      }
      if (record.type() == dev.cairn.migration.stream.RecordType.PART) {
        order.append(names.get(record.id()).equals("ram") ? 'R' : 'T');
      }
    }
    assertTrue(order.indexOf("RT") >= 0 && order.indexOf("TR") >= 0,
        "PART records of the two live sections interleave: " + order);
  }

  @Test
  void expectedDowntimeCountsEveryLiveSectionNotOnlyRam() throws Exception {
    long diskBytes = 100L << 20;
    // A stand-in for a disk whose dirty blocks never drain: it sends nothing and always has
    // 100 MiB pending, so only the pass limit ends the save.
    CountingSection disk = new CountingSection() {
      @Override
      public byte[] nextChunk(int maxBytes) {
        return new byte[0];
      }

      @Override
      public long pendingBytes() {
        return diskBytes;
      }
    };
    List<SaveProgress> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Machine machine = Machine.create(config())) {
      machine.start();
      LiveSave save = new LiveSave(machine, new ByteArrayOutputStream(),
          LivePolicy.fixed(300, 3), LiveSave.AfterSave.RESUME);
      save.addLiveSection(disk);
      save.addListener(reports::add);
      save.start().get(60, TimeUnit.SECONDS);
      machine.powerOff();
    }
    List<SaveProgress> measured = reports.stream()
        .filter(p -> p.status().equals("active") && p.bytesPerSecond() > 0)
        .toList();
    assertTrue(!measured.isEmpty(), "some progress reports carry a throughput: " + reports);
    for (SaveProgress p : measured) {
      long diskMillis = (long) (diskBytes * 1000.0 / p.bytesPerSecond());
      assertTrue(p.expectedDowntimeMillis() >= diskMillis,
          "expected downtime " + p.expectedDowntimeMillis() + " ms leaves out the disk's "
              + diskMillis + " ms: " + p);
    }
  }
}
