package dev.cairn.monitor;

import dev.cairn.machine.RunState;

/** The rules of stop and cont that HMP and QMP share (QEMU's {@code qmp_stop}/{@code qmp_cont}). */
public final class VmControl {

  private VmControl() {}

  /** Pauses a running VM; anything else is left as it is. */
  public static void stop(MonitorTarget target) {
    if (target.runState() == RunState.RUNNING) {
      target.stop();
    }
  }

  /**
   * Starts or resumes the VM.
   *
   * @throws MonitorException when it has shut down or failed and must be reset first
   */
  public static void cont(MonitorTarget target) throws MonitorException {
    RunState state = target.runState();
    if (state == RunState.SHUTDOWN || state == RunState.INTERNAL_ERROR) {
      throw new MonitorException("Resetting the Virtual Machine is required");
    }
    if (state != RunState.RUNNING) {
      target.cont();
    }
  }
}
