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

  /** Waits for the end and returns the process exit status, as QEMU would. */
  int awaitShutdown() throws InterruptedException;

  @Override
  void close();
}
