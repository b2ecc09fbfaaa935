package dev.cairn.hw.chr;

/** Where a serial device's output goes (stdout, a socket, the GUI terminal). */
@FunctionalInterface
public interface CharSink {

  /** Takes one byte the guest transmitted. Called on the vCPU thread; must not block for long. */
  void write(byte b);

  /** Called when the guest's transmit burst ends (a good moment to flush buffers). */
  default void flush() {}

  CharSink DISCARD = b -> {};
}
