package dev.cairn.migration;

import dev.cairn.machine.Machine;

/** What a machine's guest prints on its serial port, collected for restore tests. */
public final class GuestOutput {

  private final StringBuffer text = new StringBuffer();

  /** Becomes {@code machine}'s serial sink. */
  public GuestOutput(Machine machine) {
    machine.setSerialSink(b -> text.append((char) b));
  }

  public int length() {
    return text.length();
  }

  @Override
  public String toString() {
    return text.toString();
  }

  /** Starts {@code machine}, lets its guest print {@code characters}, then pauses it. */
  public static void runUntilPrinted(Machine machine, GuestOutput out, int characters) {
    machine.start();
    while (out.length() < characters) {
      Thread.onSpinWait();
    }
    machine.pause();
  }
}
