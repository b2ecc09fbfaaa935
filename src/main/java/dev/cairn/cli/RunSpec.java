package dev.cairn.cli;

import dev.cairn.machine.DisplayDevices;
import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.MachineConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code cairn run} was asked for, after parsing QEMU's flags and before any file is read.
 * Fields are filled by the rows of {@link QemuOptions}; null means "not given".
 */
final class RunSpec {

  /** {@code -bios}: a file, {@code none}, or {@code default} (the board's usual firmware). */
  enum BiosMode {
    DEFAULT,
    NONE,
    FILE
  }

  long ramSize = MachineConfig.DEFAULT_RAM;
  BiosMode biosMode = BiosMode.DEFAULT;
  Path bios;
  Path kernel;
  Path initrd;
  String append;

  /** Drives in slot order; a null format means "probe the file". */
  final List<DriveConfig> drives = new ArrayList<>();
  /** {@code -drive if=none,id=ID}: waiting for a {@code -device virtio-blk-device,drive=ID}. */
  final java.util.Map<String, DriveConfig> unattachedDrives = new java.util.LinkedHashMap<>();
  /** The {@code drive=} of each {@code -device virtio-blk-device}, in command-line order. */
  final List<String> blkDeviceDrives = new ArrayList<>();
  /** Every drive id given so far (they must be unique). */
  final java.util.Set<String> driveIds = new java.util.HashSet<>();

  boolean nographic;
  Chardev serial;
  final List<Chardev> monitors = new ArrayList<>();
  /** {@code -qmp}: sockets serving QMP (repeatable). */
  final List<Chardev> qmps = new ArrayList<>();
  boolean deterministicClock;
  boolean virtioRng;
  /** {@code -device virtio-gpu-device}, {@code virtio-keyboard-device}, {@code ...-tablet-...}. */
  DisplayDevices display = DisplayDevices.NONE;
  boolean noReboot;
  boolean startPaused;
  /** {@code -snapshot-dir}: where savevm keeps snapshots; null means the per-VM default. */
  Path snapshotDir;

  /** {@code -incoming}: a migration URI to receive the VM from, or {@code defer}; null boots. */
  String incoming;

  /** Set by {@code -h}/{@code -version}: print this and exit 0 without running. */
  String infoOnly;

  /** The serial back end after QEMU's defaults: stdio, also for {@code -nographic}. */
  Chardev effectiveSerial() {
    return serial != null ? serial : Chardev.STDIO;
  }

  /**
   * The monitors after QEMU's defaults: with {@code -nographic} and no {@code -monitor}, the
   * monitor shares stdio with the serial port; {@code -serial mon:stdio} does the same.
   */
  List<Chardev> effectiveMonitors() {
    if (!monitors.isEmpty()) {
      return monitors;
    }
    boolean muxed = serial != null ? serial.withMonitor() : nographic;
    return muxed ? List.of(Chardev.STDIO) : List.of();
  }
}
