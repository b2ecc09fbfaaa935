package dev.cairn.monitor;

import dev.cairn.machine.RunState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Turns a VM's run-state changes and host requests into QMP events, for {@link MonitorTarget}
 * implementations: {@code STOP} when a running VM pauses, {@code RESUME} when it runs again,
 * {@code SHUTDOWN} with QEMU's {@code guest}/{@code reason} when it ends, and {@code RESET} /
 * {@code POWERDOWN} when the host asks for them. Whoever asked (HMP, QMP, the GUI), every listener
 * hears the same events in the order they happened.
 *
 * <p>Reference: QEMU {@code qapi/run-state.json} (events and {@code ShutdownCause} names).
 */
public final class VmEventSource {

  private final List<Consumer<VmEvent>> listeners = new CopyOnWriteArrayList<>();
  private RunState last = RunState.PRELAUNCH;
  private String shutdownReason;

  public void addListener(Consumer<VmEvent> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<VmEvent> listener) {
    listeners.remove(listener);
  }

  /** Publishes an event to every listener, on the calling thread. */
  public void emit(VmEvent event) {
    for (Consumer<VmEvent> listener : listeners) {
      listener.accept(event);
    }
  }

  /** Feed every run-state change here (a machine state listener). */
  public synchronized void stateChanged(RunState next) {
    RunState previous = last;
    last = next;
    boolean ended = next == RunState.SHUTDOWN || next == RunState.INTERNAL_ERROR;
    if (previous == RunState.RUNNING && next != RunState.RUNNING && !ended) {
      // Paused by stop, by a save or load, or at the end of a migration (postmigrate).
      emit(VmEvent.now("STOP", null));
    } else if (next == RunState.RUNNING && previous != RunState.RUNNING) {
      emit(VmEvent.now("RESUME", null));
    } else if (next == RunState.SHUTDOWN) {
      String reason = shutdownReason != null ? shutdownReason : "guest-shutdown";
      emit(VmEvent.now("SHUTDOWN", cause(reason.equals("guest-shutdown"), reason)));
    }
  }

  /** The host asked to end the VM (quit, or a power-down Cairn carries out at once). */
  public synchronized void hostShutdown() {
    shutdownReason = "host-qmp-quit";
  }

  /** The host reset the board ({@code system_reset}). */
  public void hostReset() {
    emit(VmEvent.now("RESET", cause(false, "host-qmp-system-reset")));
  }

  /** The host pressed the power button ({@code system_powerdown}). */
  public void powerDownRequested() {
    emit(VmEvent.now("POWERDOWN", null));
  }

  private static Map<String, Object> cause(boolean guest, String reason) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("guest", guest);
    data.put("reason", reason);
    return data;
  }
}
