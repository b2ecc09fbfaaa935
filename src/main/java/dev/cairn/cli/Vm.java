package dev.cairn.cli;

import dev.cairn.hw.chr.CharSink;
import dev.cairn.monitor.MonitorTarget;
import java.nio.file.Path;

/**
 * The VM as {@code cairn run} drives it: the monitor's view plus serial I/O and the lifecycle ends.
 * {@link MachineVm} is the real one; tests use a fake.
 */
interface Vm extends MonitorTarget, AutoCloseable {

  /** Where the UART's output goes; set before {@link #start()}. */
  void setSerialSink(CharSink sink);

  /** Bytes typed on the serial console. */
  void sendSerialInput(byte[] data);

  /** Starts the guest (PRELAUNCH to RUNNING). */
  void start();

  /** Where savevm/loadvm keep snapshots ({@code -snapshot-dir}); set before the monitor runs. */
  default void setSnapshotDirectory(Path dir) {}

  /** A guest reboot ends the VM instead ({@code -no-reboot}). */
  default void setNoReboot(boolean noReboot) {}

  /**
   * Waits for an incoming migration instead of booting ({@code -incoming URI}; {@code defer}
   * waits for {@code migrate_incoming}). Returns once listening. When the migration fails,
   * {@code onFailure} hears why; the guest then never runs.
   *
   * @return the address listened on (with the port bound for port 0), or null for defer
   * @throws CliException when the URI is malformed or cannot be listened on
   */
  default String startIncoming(String uri, boolean autostart, java.util.function.Consumer<String>
      onFailure) throws CliException {
    throw new CliException("-incoming: this VM cannot receive a migration");
  }

  /** Waits for the end and returns the process exit status, as QEMU would. */
  int awaitShutdown() throws InterruptedException;

  @Override
  void close();
}
