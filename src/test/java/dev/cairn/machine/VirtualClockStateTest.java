package dev.cairn.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.state.StateReader;
import dev.cairn.state.StateWriter;
import org.junit.jupiter.api.Test;

/** The board clock's state description: a restored clock reads the saved mtime. */
class VirtualClockStateTest {

  @Test
  void aRestoredStoppedClockReadsTheSavedTime() throws Exception {
    VirtualClock original = new VirtualClock(false, () -> 0);
    original.set(123_456_789L);
    VirtualClock copy = new VirtualClock(false, () -> 0);

    StateReader.fromBytes(VirtualClockState.DESCRIPTION, copy,
        StateWriter.toBytes(VirtualClockState.DESCRIPTION, original), 1);

    assertEquals(original.now(), copy.now());
    copy.start();
    copy.stop();
    assertTrue(copy.now() >= 123_456_789L, "time runs on from the saved value");
  }
}
