package dev.cairn.cpu;

/**
 * Operations that compiled blocks call rather than spell out in bytecode: each is small enough
 * for HotSpot to inline, and each matches the interpreter's case for the same {@link Op}.
 */
final class BlockOps {

  private BlockOps() {}

  static long slt(long a, long b) {
    return a < b ? 1 : 0;
  }

  static long sltu(long a, long b) {
    return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
  }

  static long div(long a, long d) {
    return d == 0 ? -1L : a / d;
  }

  static long divu(long a, long d) {
    return d == 0 ? -1L : Long.divideUnsigned(a, d);
  }

  static long rem(long a, long d) {
    return d == 0 ? a : a % d;
  }

  static long remu(long a, long d) {
    return d == 0 ? a : Long.remainderUnsigned(a, d);
  }

  static long divw(long a, long b) {
    int d = (int) b;
    return d == 0 ? -1L : (int) a / d;
  }

  static long divuw(long a, long b) {
    int d = (int) b;
    return d == 0 ? -1L : Integer.divideUnsigned((int) a, d);
  }

  static long remw(long a, long b) {
    int d = (int) b;
    return d == 0 ? (int) a : (int) a % d;
  }

  static long remuw(long a, long b) {
    int d = (int) b;
    return d == 0 ? (int) a : Integer.remainderUnsigned((int) a, d);
  }
}
