package dev.cairn.ui.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.MachineConfig;
import dev.cairn.memory.DirtyClient;
import dev.cairn.migration.CounterGuest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dirty-page rate of a real running guest: the counter guest rewrites a 64 KiB buffer, 16
 * pages, over and over, so each interval sees between 1 and 16 dirty pages, and none when paused.
 */
class DirtyRateMeterTest {

  @TempDir Path dir;

  @Test
  void countsThePagesTheGuestWritesAndNothingWhilePaused() throws Exception {
    Path elf = CounterGuest.build(dir, 400_000_000);
    try (VmInstance vm = VmInstance.create("counter", new MachineConfig(64L << 20, null, elf,
        null, "", List.of(), false, false), dir.resolve("snapshots"))) {
      vm.start();
      DirtyRateMeter meter = vm.dirtyRate();
      long start = System.nanoTime();
      assertEquals(-1, meter.sample(start), "the first sample only starts logging");
      Thread.sleep(200);
      long now = System.nanoTime();
      double rate = meter.sample(now);
      double pages = rate * (now - start) / 1e9;
      assertTrue(pages >= 0.99 && pages <= 16.01, "pages in the interval: " + pages);

      vm.stop();
      meter.sample(System.nanoTime()); // takes what was written before the pause
      Thread.sleep(100);
      assertEquals(0.0, meter.sample(System.nanoTime()), "a paused guest dirties nothing");

      meter.stop();
      assertFalse(vm.machine().ram().dirtyLog().isLogging(DirtyClient.STATISTICS));
    }
  }
}
