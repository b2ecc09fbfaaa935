package dev.cairn.monitor;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.machine.RunState;
import dev.cairn.migration.controller.MigrationController;
import dev.cairn.migration.incoming.IncomingMigration;
import dev.cairn.migration.snapshot.SnapshotInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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

  /**
   * Saves the whole VM as snapshot {@code tag}, replacing one of that tag; pauses a running VM
   * for the save and resumes it.
   *
   * @throws MonitorException with the reason (a writable disk, a failed write)
   */
  void savevm(String tag) throws MonitorException;

  /** Restores snapshot {@code tag}; the VM keeps its run state, and is unchanged on failure. */
  void loadvm(String tag) throws MonitorException;

  /** Deletes snapshot {@code tag}; an unknown tag is not an error (as in QEMU). */
  void delvm(String tag) throws MonitorException;

  /** The snapshots in the order they were saved. */
  List<SnapshotInfo> snapshots() throws MonitorException;

  /** The drives for {@code info block}; none unless the VM says otherwise. */
  default List<BlockInfo> blockInfo() {
    return List.of();
  }
  /**
   * Read-only access to registers and memory for {@code info registers}, {@code x} and friends.
   *
   * @throws MonitorException when this VM has no machine to look into
   */
  default GuestInspector inspector() throws MonitorException {
    throw new MonitorException("this VM cannot be inspected");
  }

  /** The drives' names as QEMU names them ({@code virtio0}, ...), in slot order. */
  default List<String> driveNames() {
    return List.of();
  }

  /**
   * Registers a listener for the VM's events (STOP, RESUME, RESET, POWERDOWN, SHUTDOWN, ...), as
   * QMP sends them; see {@link VmEventSource}. It is called on the thread where the event happened.
   */
  default void addEventListener(Consumer<VmEvent> listener) {}

  default void removeEventListener(Consumer<VmEvent> listener) {}
  /** The guest's screen, if the VM has a display device ({@code screendump}). */
  default Optional<DisplaySurface> display() {
    return Optional.empty();
  }

  /** Keyboard and pointer input for the guest ({@code sendkey}); drops events by default. */
  default InputEvents input() {
    return InputEvents.NONE;
  }

  /**
   * The VM's outgoing migration ({@code migrate}, {@code info migrate}, ...).
   *
   * @throws MonitorException when this VM cannot migrate
   */
  default MigrationController migration() throws MonitorException {
    throw new MonitorException("migration is not available for this VM");
  }

  /** The incoming migration of a VM started with {@code -incoming}; null otherwise. */
  default IncomingMigration incomingMigration() {
    return null;
  }
}
