package dev.cairn.migration.controller;

/**
 * What {@link dev.cairn.migration.CounterGuest} prints when nothing goes wrong, computed here
 * independently of any emulator: a letter every 65 536 iterations, then the sum over its memory
 * buffer as 16 hex digits. A migration that loses, repeats or corrupts anything changes it.
 */
final class CounterOracle {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private CounterOracle() {}

  static String expected(int iterations) {
    StringBuilder out = new StringBuilder();
    long[] buffer = new long[2048];
    long sum = 0;
    for (int i = 0; i < iterations; i++) {
      int slot = i & 0x7ff;
      long value = buffer[slot] ^ (i * GOLDEN);
      buffer[slot] = value;
      sum += value;
      if ((i & 0xffff) == 0) {
        out.append((char) ('A' + ((i >>> 16) & 15)));
      }
    }
    return out.append(String.format("%016x", sum)).append('\n').toString();
  }
}
