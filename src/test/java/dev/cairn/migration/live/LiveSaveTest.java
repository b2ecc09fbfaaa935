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
    counter = dev.cairn.migration.CounterGuestAccess.build(dir);
  }

  private static MachineConfig config() {
    return new MachineConfig(16L << 20, null, counter, null, "", List.of(), false, true);
  }

  @Test
  void aLiveCheckpointRestoresToTheInstantOfItsFinalPause() throws Exception {
    StringBuffer original = new StringBuffer();
    int[] printedAtPause = {-1};
    long[] instretAtStart = {-1};
    long[] instretAtPause = {-1};
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
        if (instretAtStart[0] < 0) {
          instretAtStart[0] = machine.hart().instret();
        }
        if (p.status().equals("device")) {
          printedAtPause[0] = original.length();
          instretAtPause[0] = machine.hart().instret();
        }
      });
      result = save.start().get(60, TimeUnit.SECONDS);
      assertEquals(0, machine.awaitShutdown());
    }
    assertEquals("completed", result.status());
    assertTrue(instretAtPause[0] > instretAtStart[0], "the guest ran while RAM was being sent");

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
}
