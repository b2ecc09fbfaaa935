package dev.cairn;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for something another thread does, with a limit that only guards a hang. */
public final class Await {

  private Await() {}

  /**
   * Polls {@code condition} until it holds.
   *
   * @throws AssertionError naming {@code what} when it still does not hold after {@code limit}
   */
  public static void until(Duration limit, String what, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
