package dev.cairn.monitor;

import dev.cairn.machine.RunState;

/**
 * What the monitor acts on: the VM's lifecycle, seen through the few calls HMP needs.
 *
 * <p>Kept as an interface so monitor tests run against a fake and the GUI can wrap its own VM.
 * Implementations must be thread-safe: several monitor sessions may call at once.
 */
public interface MonitorTarget {

  RunState runState();

  /** Pauses a running VM; returns once the vCPU has stopped. */
  void stop();

  /** Starts a VM in PRELAUNCH (after {@code -S}) or resumes a paused one. */
  void cont();

  /** Resets the board; the guest reboots. */
  void reset();

  /** Asks the guest to power down. */
  void powerDown();

  /** Ends the VM at once; the process then exits. */
  void quit();
}
