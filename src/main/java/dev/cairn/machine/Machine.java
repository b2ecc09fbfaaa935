package dev.cairn.machine;

import dev.cairn.hw.chr.CharSink;
import java.util.function.Consumer;

/**
 * A VM: the board built from a {@link MachineConfig} and its lifecycle.
 *
 * <p>STUB: the signatures are the contract; the bodies land with the core.
 */
public final class Machine implements AutoCloseable {

  private Machine() {}

  /**
   * Builds the board and loads firmware, kernel, initrd and device tree into RAM. Does not start.
   *
   * @throws MachineConfigException with a user-facing message if a file is missing, is not what it
   *     should be, or does not fit in RAM
   */
  public static Machine create(MachineConfig config) throws MachineConfigException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Where the UART's output goes; set before {@link #start()}. */
  public void setSerialSink(CharSink sink) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Queues bytes typed on the serial console; thread-safe. */
  public void sendSerialInput(byte[] data) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Starts the vCPU thread (PRELAUNCH to RUNNING). */
  public void start() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Stops the vCPU at the next batch boundary; returns once it is stopped. */
  public void pause() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Continues a paused VM. */
  public void resume() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Resets the board and reboots the guest (keeps the run state). */
  public void reset() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Stops the VM for good (state SHUTDOWN); {@link #awaitShutdown()} then returns. */
  public void powerOff() {
    throw new UnsupportedOperationException("not yet");
  }

  public RunState runState() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Waits until the VM shuts down (guest poweroff, {@link #powerOff()}, or an internal error) and
   * returns the exit status QEMU would: 0 for a clean poweroff, the sifive-test failure code, or
   * 1 for an internal error.
   */
  public int awaitShutdown() throws InterruptedException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Listeners hear every run-state change, on the thread that made it. */
  public void addStateListener(Consumer<RunState> listener) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Powers off if running and releases files. */
  @Override
  public void close() {}
}
