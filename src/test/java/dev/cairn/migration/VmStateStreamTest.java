package dev.cairn.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.stream.StreamException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * savevm/loadvm of a whole machine through the stream: a restored guest continues exactly as the
 * original did, and a bad stream is refused without touching the VM.
 */
class VmStateStreamTest {

  @TempDir static Path dir;
  private static Path counter;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(dir);
  }

  private static MachineConfig config(long ram) {
    return new MachineConfig(ram, null, counter, null, "", List.of(), false, true);
  }

  @Test
  void aRestoredGuestPrintsExactlyWhatTheUninterruptedOneDid() throws Exception {
    GuestOutput original;
    byte[] snapshot;
    int printedAtSave;
    try (Machine machine = Machine.create(config(16L << 20))) {
      original = new GuestOutput(machine);
      GuestOutput.runUntilPrinted(machine, original, 10);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      VmStateStream.save(machine, bytes);
      snapshot = bytes.toByteArray();
      printedAtSave = original.length();
      machine.resume();
      assertEquals(0, machine.awaitShutdown());
    }

    GuestOutput restored;
    try (Machine machine = Machine.create(config(16L << 20))) {
      restored = new GuestOutput(machine);
      VmStateStream.load(machine, new ByteArrayInputStream(snapshot));
      machine.start();
      assertEquals(0, machine.awaitShutdown());
    }
    String whole = original.toString();
    assertTrue(whole.endsWith("\n") && whole.length() > printedAtSave + 16, whole);
    assertEquals(whole.substring(printedAtSave), restored.toString(),
        "after the restore the guest continues from the saved instant, checksum included");
  }

  @Test
  void badStreamsAreRefusedAndLeaveTheVmAsItWas() throws Exception {
    byte[] snapshot;
    try (Machine machine = Machine.create(config(16L << 20))) {
      GuestOutput out = new GuestOutput(machine);
      GuestOutput.runUntilPrinted(machine, out, 3);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      VmStateStream.save(machine, bytes);
      snapshot = bytes.toByteArray();
      machine.powerOff();
    }

    try (Machine machine = Machine.create(config(16L << 20))) {
      long pc = machine.hart().pc();
      byte[] ramBefore = new byte[64 << 10];
      machine.ram().read(machine.ram().base() + 0x10000, ramBefore, 0, ramBefore.length);

      byte[] flipped = snapshot.clone();
      flipped[flipped.length / 2] ^= 0x40;
      byte[] truncated = Arrays.copyOf(snapshot, snapshot.length - 100);
      byte[] wrongMagic = snapshot.clone();
      wrongMagic[0] = 'X';
      for (byte[] bad : List.of(flipped, truncated, wrongMagic)) {
        assertThrows(StreamException.class,
            () -> VmStateStream.load(machine, new ByteArrayInputStream(bad)));
      }

      assertEquals(pc, machine.hart().pc(), "the hart was not touched");
      byte[] ramAfter = new byte[ramBefore.length];
      machine.ram().read(machine.ram().base() + 0x10000, ramAfter, 0, ramAfter.length);
      assertArrayEquals(ramBefore, ramAfter, "RAM was not touched");
    }

    try (Machine bigger = Machine.create(config(32L << 20))) {
      StreamException e = assertThrows(StreamException.class,
          () -> VmStateStream.load(bigger, new ByteArrayInputStream(snapshot)));
      assertTrue(e.getMessage().contains("16 MiB") && e.getMessage().contains("32 MiB"),
          e.getMessage());
    }
  }
}
