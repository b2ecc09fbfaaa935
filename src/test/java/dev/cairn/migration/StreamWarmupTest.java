package dev.cairn.migration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamWarmupTest {

  @Test
  void theWarmUpRoundTripsItsScratchRamThroughARealStream() {
    // run() compares every page after each load and throws on a difference; the stream holds
    // the data pages (half of 1024) with their contents and the rest as 8-byte zero entries.
    int bytes = StreamWarmup.run();
    assertTrue(bytes > 512 * 4096 && bytes < 600 * 4096, "stream of " + bytes + " bytes");
  }
}
