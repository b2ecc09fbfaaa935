package dev.cairn.monitor;

import dev.cairn.machine.RunState;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's command table: one row per command, in the order {@code help} lists them.
 *
 * <p>Reference: QEMU {@code hmp-commands.hx} and {@code hmp-commands-info.hx} for names, params and
 * output shapes.
 */
public final class StandardCommands {

  private StandardCommands() {}

  public static CommandTable table() {
    return MigrationCommands.addTo(new CommandTable(
        List.of(
            MonitorCommand.of(
                "help", List.of("?"), "[cmd:command...]", "show the help", StandardCommands::help),
            MonitorCommand.group(
                "info", "show various information about the system state", infoTable()),
            MonitorCommand.of("stop", List.of(), "", "stop emulation", StandardCommands::stop),
            MonitorCommand.of("cont", List.of("c"), "", "resume emulation", StandardCommands::cont),
            MonitorCommand.of(
                "system_reset", List.of(), "", "reset the system", StandardCommands::reset),
            MonitorCommand.of(
                "system_powerdown",
                List.of(),
                "",
                "send system power down event",
                StandardCommands::powerDown),
            // QEMU shows "savevm tag" although the tag is optional; ArgSpec's help text is also
            // the parser, so here it reads "[tag]".
            MonitorCommand.of(
                "savevm",
                List.of(),
                "[tag:tag]",
                "save a VM snapshot. If no tag is provided, a new snapshot is created",
                StandardCommands::savevm),
            MonitorCommand.of(
                "loadvm",
                List.of(),
                "tag:tag",
                "restore a VM snapshot from its tag",
                StandardCommands::loadvm),
            MonitorCommand.of(
                "delvm",
                List.of(),
                "tag:tag",
                "delete a VM snapshot from its tag",
                StandardCommands::delvm),
            DisplayCommands.SCREENDUMP, DisplayCommands.SENDKEY,
            MonitorCommand.of(
                "x",
                List.of(),
                "/fmt addr:addr",
                "virtual memory dump starting at 'addr'",
                MemoryDump::virtual),
            MonitorCommand.of(
                "xp",
                List.of(),
                "/fmt addr:addr",
                "physical memory dump starting at 'addr'",
                MemoryDump::physical),
            MonitorCommand.of(
                "commit",
                List.of(),
                "device:device",
                "commit changes to the disk images (if -snapshot is used) or backing files",
                StandardCommands::commit),
            MonitorCommand.of(
                "quit", List.of("q"), "", "quit the emulator", StandardCommands::quit))));
  }

  private static CommandTable infoTable() {
    return new CommandTable(
        List.of(
            MonitorCommand.of(
                "status",
                List.of(),
                "",
                "show the current VM status (running|paused)",
                StandardCommands::infoStatus),
            MonitorCommand.of(
                "version",
                List.of(),
                "",
                "show the version of Cairn",
                StandardCommands::infoVersion),
            MonitorCommand.of(
                "snapshots",
                List.of(),
                "",
                "show the currently saved VM snapshots",
                StandardCommands::infoSnapshots),
            BlockCommands.INFO_BLOCK,
            MonitorCommand.of(
                "registers", List.of(), "", "show the cpu registers", InfoCommands::registers),
            MonitorCommand.of("cpus", List.of(), "", "show infos for each CPU", InfoCommands::cpus),
            MonitorCommand.of("mtree", List.of(), "", "show memory tree", InfoCommands::mtree),
            MonitorCommand.of("qtree", List.of(), "", "show device tree", InfoCommands::qtree),
            MonitorCommand.of(
                "migrate_capabilities",
                List.of(),
                "",
                "show current migration capabilities",
                InfoCommands::migrateCapabilities)));
  }

  private static Outcome help(Invocation call) {
    String words = call.arg("cmd");
    if (words == null) {
      call.commands().appendHelp(call.out(), "");
      return Outcome.DONE;
    }
    String[] split = Words.first(words);
    Optional<MonitorCommand> command = call.commands().find(split[0]);
    if (command.isEmpty()) {
      call.out().append("unknown command: '").append(split[0]).append("'\n");
      return Outcome.DONE;
    }
    CommandTable subs = command.get().subcommands();
    if (subs == null) {
      call.out().append(command.get().helpLine("")).append('\n');
    } else if (split[1].isEmpty()) {
      subs.appendHelp(call.out(), command.get().name() + " ");
    } else {
      String sub = Words.first(split[1])[0];
      Optional<MonitorCommand> row = subs.find(sub);
      if (row.isEmpty()) {
        call.out().append("unknown command: '").append(command.get().name()).append(' ');
        call.out().append(sub).append("'\n");
      } else {
        call.out().append(row.get().helpLine(command.get().name() + " ")).append('\n');
      }
    }
    return Outcome.DONE;
  }

  /**
   * {@code VM status: running}, or {@code paused} with QEMU's reason when it is not a plain stop.
   */
  static String statusLine(RunState state) {
    switch (state) {
      case RUNNING:
        return "VM status: running";
      case PAUSED:
        return "VM status: paused";
      default:
        return "VM status: paused (" + state.qemuName() + ")";
    }
  }

  private static Outcome infoStatus(Invocation call) {
    call.out().append(statusLine(call.target().runState())).append('\n');
    return Outcome.DONE;
  }

  private static Outcome infoVersion(Invocation call) {
    call.out().append(CairnVersion.VERSION).append('\n');
    return Outcome.DONE;
  }

  private static final DateTimeFormatter DEFAULT_TAG =
      DateTimeFormatter.ofPattern("'vm-'yyyyMMddHHmmss");

  /** Runs synchronously: the monitor waits while the paused VM is written, as in QEMU. */
  private static Outcome savevm(Invocation call) throws MonitorException {
    String tag = call.arg("tag");
    if (tag == null) {
      // QEMU's name for an untagged snapshot: the local date and time of the save.
      tag = DEFAULT_TAG.format(LocalDateTime.now());
    }
    call.target().savevm(tag);
    return Outcome.DONE;
  }

  private static Outcome loadvm(Invocation call) throws MonitorException {
    call.target().loadvm(call.arg("tag"));
    return Outcome.DONE;
  }

  private static Outcome delvm(Invocation call) throws MonitorException {
    call.target().delvm(call.arg("tag"));
    return Outcome.DONE;
  }

  private static Outcome infoSnapshots(Invocation call) throws MonitorException {
    call.out().append(SnapshotTable.format(call.target().snapshots(), ZoneId.systemDefault()));
    return Outcome.DONE;
  }

  private static Outcome stop(Invocation call) {
    VmControl.stop(call.target());
    return Outcome.DONE;
  }

  private static Outcome cont(Invocation call) throws MonitorException {
    VmControl.cont(call.target());
    return Outcome.DONE;
  }

  private static Outcome reset(Invocation call) {
    call.target().reset();
    return Outcome.DONE;
  }

  private static Outcome powerDown(Invocation call) {
    call.target().powerDown();
    return Outcome.DONE;
  }

  /**
   * Cairn's disks have no backing files, so as in QEMU {@code commit all} has nothing to do and
   * {@code commit DEVICE} reports that the operation is not supported. Like QEMU's {@code
   * error_report}, these lines carry no {@code Error:} prefix.
   */
  private static Outcome commit(Invocation call) {
    String device = call.arg("device");
    if (device.equals("all")) {
      return Outcome.DONE;
    }
    if (!call.target().driveNames().contains(device)) {
      call.out().append("Device '").append(device).append("' not found\n");
    } else {
      call.out().append("'commit' error for '").append(device);
      call.out().append("': Operation not supported\n");
    }
    return Outcome.DONE;
  }

  private static Outcome quit(Invocation call) {
    call.target().quit();
    return Outcome.DONE;
  }
}
