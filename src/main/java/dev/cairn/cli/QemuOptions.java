package dev.cairn.cli;

import dev.cairn.machine.DriveConfig;
import dev.cairn.monitor.CairnVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The flags of {@code cairn run}: QEMU's spellings and meanings, one row each. Parsing and {@code
 * -help} come from this table.
 *
 * <p>Reference: QEMU {@code qemu-options.hx}.
 */
final class QemuOptions {

  private QemuOptions() {}

  static final List<QemuOption> ALL =
      List.of(
          new QemuOption(
              List.of("M", "machine"),
              "virt",
              "board type; only 'virt' exists",
              QemuOptions::machine),
          new QemuOption(
              List.of("m"), "SIZE", "RAM: MiB, or with a unit: 512M, 2G", QemuOptions::memory),
          new QemuOption(List.of("smp"), "1", "number of harts; only 1", QemuOptions::smp),
          new QemuOption(
              List.of("bios"),
              "FILE|none|default",
              "firmware at the start of RAM (default: OpenSBI)",
              QemuOptions::bios),
          new QemuOption(
              List.of("kernel"),
              "FILE",
              "Linux Image or ELF to boot (default: the Debian VM)",
              (s, a) -> s.kernel = Path.of(a)),
          new QemuOption(
              List.of("initrd"), "FILE", "initial ramdisk", (s, a) -> s.initrd = Path.of(a)),
          new QemuOption(
              List.of("append"), "CMDLINE", "kernel command line", (s, a) -> s.append = a),
          new QemuOption(
              List.of("drive"),
              "file=PATH[,format=raw|qcow2][,if=virtio|none][,id=ID][,readonly=on]",
              "add a virtio disk (repeatable)",
              QemuOptions::drive),
          new QemuOption(
              List.of("nographic"),
              null,
              "no display; serial and monitor on stdio (Ctrl-A h for keys)",
              (s, a) -> s.nographic = true),
          new QemuOption(
              List.of("serial"),
              "stdio|none|mon:stdio|tcp:...|unix:...",
              "where the UART goes",
              QemuOptions::serial),
          new QemuOption(
              List.of("monitor"),
              "stdio|none|tcp:HOST:PORT,server,nowait|unix:PATH,server,nowait",
              "add a human monitor (repeatable)",
              QemuOptions::monitor),
          new QemuOption(
              List.of("qmp"),
              "tcp:HOST:PORT,server,nowait|unix:PATH,server,nowait",
              "add a QMP (JSON) monitor (repeatable)",
              QemuOptions::qmp),
          new QemuOption(
              List.of("display"),
              "none",
              "display back end; only 'none' (the gpu's screen: screendump, or cairn gui)",
              QemuOptions::display),
          new QemuOption(
              List.of("icount"),
              "shift=0[,sleep=off]",
              "tie the clock to the instruction count",
              QemuOptions::icount),
          new QemuOption(
              List.of("device"),
              "virtio-rng-device|virtio-blk-device,drive=ID|virtio-gpu-device[,xres=W,yres=H]"
                  + "|virtio-keyboard-device|virtio-tablet-device",
              "add a device (repeatable)",
              QemuOptions::device),
          new QemuOption(
              List.of("no-reboot"), null, "exit instead of rebooting", (s, a) -> s.noReboot = true),
          new QemuOption(
              List.of("S"),
              null,
              "do not start the CPU (use 'cont')",
              (s, a) -> s.startPaused = true),
          new QemuOption(
              List.of("snapshot-dir"),
              "DIR",
              "where savevm keeps snapshots (Cairn; default: per kernel and RAM size)",
              (s, a) -> s.snapshotDir = Path.of(a)),
          new QemuOption(
              List.of("incoming"),
              "tcp:HOST:PORT|exec:COMMAND|file:PATH|defer",
              "receive the VM from a migration instead of booting",
              (s, a) -> s.incoming = a),
          new QemuOption(List.of("h", "help"), null, "show this help", QemuOptions::help),
          new QemuOption(
              List.of("version"),
              null,
              "show the version",
              (s, a) -> s.infoOnly = "Cairn emulator version " + CairnVersion.VERSION + "\n"));

  private static void machine(RunSpec spec, String arg) throws CliException {
    Map<String, String> opts = QemuOpts.parse("-machine", arg, "type");
    if (!"virt".equals(opts.get("type"))) {
      throw new CliException(
          "-machine " + arg + ": unsupported machine type '" + opts.get("type") + "' (only virt)");
    }
    QemuOpts.onlyKeys("-machine", arg, opts, "type");
  }

  private static void memory(RunSpec spec, String arg) throws CliException {
    Map<String, String> opts = QemuOpts.parse("-m", arg, "size");
    QemuOpts.onlyKeys("-m", arg, opts, "size");
    spec.ramSize = RamSize.parse(opts.get("size"));
  }

  private static void smp(RunSpec spec, String arg) throws CliException {
    Map<String, String> opts = QemuOpts.parse("-smp", arg, "cpus");
    QemuOpts.onlyKeys("-smp", arg, opts, "cpus", "maxcpus", "sockets", "cores", "threads");
    for (String value : opts.values()) {
      if (!value.equals("1")) {
        throw new CliException("-smp " + arg + ": Cairn emulates a single hart; use -smp 1");
      }
    }
  }

  private static void bios(RunSpec spec, String arg) {
    if (arg.equals("none")) {
      spec.biosMode = RunSpec.BiosMode.NONE;
    } else if (arg.equals("default")) {
      spec.biosMode = RunSpec.BiosMode.DEFAULT;
    } else {
      spec.biosMode = RunSpec.BiosMode.FILE;
      spec.bios = Path.of(arg);
    }
  }

  private static void drive(RunSpec spec, String arg) throws CliException {
    Map<String, String> opts = QemuOpts.parse("-drive", arg, null);
    QemuOpts.onlyKeys(
        "-drive", arg, opts, "file", "format", "if", "readonly", "read-only", "media", "id");
    String file = opts.get("file");
    if (file == null || file.isEmpty()) {
      throw new CliException("-drive " + arg + ": give the image as file=PATH");
    }
    String format = opts.get("format");
    if (format != null && !format.equals("raw") && !format.equals("qcow2")) {
      throw new CliException(
          "-drive " + arg + ": unsupported format '" + format + "' (raw, qcow2)");
    }
    String iface = opts.getOrDefault("if", "virtio");
    if (!iface.equals("virtio") && !iface.equals("none")) {
      throw new CliException(
          "-drive " + arg + ": unsupported interface '" + iface + "' (virtio, none)");
    }
    String media = opts.getOrDefault("media", "disk");
    if (!media.equals("disk")) {
      throw new CliException("-drive " + arg + ": unsupported media '" + media + "' (disk)");
    }
    String readOnly = opts.getOrDefault("readonly", opts.getOrDefault("read-only", "off"));
    String id = opts.get("id");
    if (id != null && (spec.driveIds.contains(id) || id.isEmpty())) {
      throw new CliException("-drive " + arg + ": Duplicate ID '" + id + "' for drive");
    }
    if (iface.equals("none") && id == null) {
      throw new CliException("-drive " + arg + ": if=none needs id=NAME for -device ...,drive=NAME");
    }
    DriveConfig drive = new DriveConfig(
        Path.of(file), format, QemuOpts.bool("-drive", "readonly", readOnly), id);
    if (id != null) {
      spec.driveIds.add(id);
    }
    if (iface.equals("none")) {
      spec.unattachedDrives.put(id, drive);
    } else {
      spec.drives.add(drive);
    }
  }

  private static void serial(RunSpec spec, String arg) throws CliException {
    if (spec.serial != null) {
      throw new CliException("-serial " + arg + ": the virt board has a single UART");
    }
    spec.serial = Chardev.parse("-serial", arg);
  }

  private static void monitor(RunSpec spec, String arg) throws CliException {
    spec.monitors.add(Chardev.parse("-monitor", arg));
  }

  private static void qmp(RunSpec spec, String arg) throws CliException {
    Chardev chardev = Chardev.parse("-qmp", arg);
    if (chardev.kind() != Chardev.Kind.TCP && chardev.kind() != Chardev.Kind.UNIX) {
      throw new CliException("-qmp " + arg
          + ": Cairn serves QMP on sockets only (tcp:HOST:PORT,server,nowait or"
          + " unix:PATH,server,nowait)");
    }
    spec.qmps.add(chardev);
  }

  private static void display(RunSpec spec, String arg) throws CliException {
    if (!arg.equals("none")) {
      throw new CliException(
          "-display " + arg + ": not available; the screen is shown by the GUI (cairn gui)");
    }
  }

  private static void icount(RunSpec spec, String arg) throws CliException {
    Map<String, String> opts = QemuOpts.parse("-icount", arg, "shift");
    QemuOpts.onlyKeys("-icount", arg, opts, "shift", "sleep");
    if (!"0".equals(opts.get("shift"))) {
      throw new CliException("-icount " + arg + ": only shift=0 is supported");
    }
    QemuOpts.bool("-icount", "sleep", opts.getOrDefault("sleep", "on"));
    spec.deterministicClock = true;
  }

  private static void device(RunSpec spec, String arg) throws CliException {
    Map<String, String> opts = QemuOpts.parse("-device", arg, "driver");
    if (DisplayFlags.device(spec, arg, opts)) {
      return;
    }
    String driver = opts.get("driver");
    if ("virtio-blk-device".equals(driver)) {
      QemuOpts.onlyKeys("-device", arg, opts, "driver", "id", "drive");
      String drive = opts.get("drive");
      if (drive == null) {
        throw new CliException("-device " + arg + ": drive property not set");
      }
      spec.blkDeviceDrives.add(drive);
      return;
    }
    if (!"virtio-rng-device".equals(driver)) {
      throw new CliException(
          "-device "
              + arg
              + ": '"
              + driver
              + "' is not a device Cairn offers"
              + " (virtio-rng-device, virtio-blk-device, virtio-gpu-device,"
              + " virtio-keyboard-device, virtio-tablet-device)");
    }
    QemuOpts.onlyKeys("-device", arg, opts, "driver", "id");
    spec.virtioRng = true;
  }

  private static void help(RunSpec spec, String arg) {
    StringBuilder text =
        new StringBuilder("usage: cairn run [options]  (QEMU's flags; -x or --x)\n");
    for (QemuOption option : ALL) {
      text.append(option.helpLine()).append('\n');
    }
    text.append("With no -kernel, the default Debian riscv64 VM boots.\n");
    spec.infoOnly = text.toString();
  }
}
