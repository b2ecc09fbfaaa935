package dev.cairn.monitor;

import dev.cairn.migration.controller.MigrationController;
import dev.cairn.migration.controller.MigrationException;
import dev.cairn.migration.controller.MigrationInfo;
import dev.cairn.migration.controller.MigrationOptions;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.migration.incoming.IncomingMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The migration rows of the monitor: {@code migrate}, {@code migrate_cancel}, {@code
 * migrate_incoming}, {@code migrate_set_parameter}, {@code migrate_set_capability} and {@code info
 * migrate|migrate_parameters}, with QEMU's names and output shapes ({@code info
 * migrate_capabilities} lives in {@link InfoCommands}).
 *
 * <p>Reference: QEMU {@code hmp-commands.hx}, {@code monitor/hmp-cmds.c} (hmp_info_migrate,
 * hmp_migrate, hmp_migrate_status_cb).
 */
final class MigrationCommands {

  private MigrationCommands() {}

  /** {@code table} with the migration commands appended and the {@code info} rows added. */
  static CommandTable addTo(CommandTable table) {
    List<MonitorCommand> rows = new ArrayList<>();
    for (MonitorCommand row : table.commands()) {
      rows.add(row.subcommands() != null && row.name().equals("info")
          ? MonitorCommand.group(row.name(), row.help(), withInfoRows(row.subcommands()))
          : row);
    }
    rows.addAll(commands());
    return new CommandTable(rows);
  }

  private static List<MonitorCommand> commands() {
    return List.of(
        MonitorCommand.suspending(
            "migrate",
            "[-d] [-b] uri",
            "migrate to URI (using -d to not wait for completion)"
                + " -b for migration without shared storage with full copy of disk",
            MigrationCommands::migrate),
        MonitorCommand.of("migrate_cancel", List.of(), "", "cancel the current VM migration",
            MigrationCommands::cancel),
        MonitorCommand.of("migrate_incoming", List.of(), "uri",
            "Continue an incoming migration from an -incoming defer", MigrationCommands::incoming),
        MonitorCommand.of("migrate_set_capability", List.of(), "capability state",
            "Enable/Disable the usage of a capability for migration",
            MigrationCommands::setCapability),
        MonitorCommand.of("migrate_set_parameter", List.of(), "parameter value",
            "Set the parameter for migration", MigrationCommands::setParameter));
  }

  private static CommandTable withInfoRows(CommandTable info) {
    return info
        .with(MonitorCommand.of("migrate", List.of(), "", "show migration status",
            MigrationCommands::infoMigrate))
        .with(MonitorCommand.of("migrate_parameters", List.of(), "",
            "show current migration parameters", MigrationCommands::infoParameters));
  }

  /** Without {@code -d} the monitor is suspended until the migration ends, as in QEMU. */
  private static Outcome migrate(Invocation call) throws MonitorException {
    MigrationController controller = call.target().migration();
    boolean blockMigration = call.arg("-b") != null;
    CompletableFuture<MigrationInfo> end;
    try {
      end = controller.start(call.arg("uri"), new MigrationOptions(blockMigration));
    } catch (MigrationException e) {
      throw new MonitorException(e.getMessage());
    }
    if (call.arg("-d") != null) {
      return Outcome.DONE;
    }
    CompletableFuture<String> text = end.thenCompose(info -> {
      if (info.status() == MigrationStatus.FAILED) {
        return CompletableFuture.failedFuture(new MonitorException(info.errorDescription()));
      }
      return CompletableFuture.completedFuture("");
    });
    return new Outcome.Pending(text, () -> progressLine(controller.info()));
  }

  /** The line a suspended monitor shows while {@code migrate} runs. */
  static String progressLine(MigrationInfo info) {
    if (info.status() != MigrationStatus.ACTIVE) {
      return "migrate: " + info.status().qemuName();
    }
    long total = Math.max(info.totalBytes(), 1);
    return String.format(Locale.ROOT,
        "migrate: %s, pass %d, %d MiB of %d MiB dirty, %.1f mbps, expected downtime %d ms",
        info.status().qemuName(), info.dirtySyncCount(), info.remainingBytes() >> 20,
        total >> 20, info.mbps(), info.expectedDowntimeMillis());
  }

  private static Outcome cancel(Invocation call) throws MonitorException {
    call.target().migration().cancel();
    return Outcome.DONE;
  }

  private static Outcome incoming(Invocation call) throws MonitorException {
    IncomingMigration incoming = call.target().incomingMigration();
    if (incoming == null) {
      throw new MonitorException("'-incoming' was not specified on the command line");
    }
    try {
      incoming.listen(call.arg("uri"));
    } catch (MigrationException e) {
      throw new MonitorException(e.getMessage());
    }
    return Outcome.DONE;
  }

  private static Outcome setCapability(Invocation call) throws MonitorException {
    String state = call.arg("state");
    boolean on;
    if (state.equals("on") || state.equals("true")) {
      on = true;
    } else if (state.equals("off") || state.equals("false")) {
      on = false;
    } else {
      throw new MonitorException("Parameter 'state' expects 'on' or 'off'");
    }
    try {
      call.target().migration().setCapability(call.arg("capability"), on);
    } catch (MigrationException e) {
      throw new MonitorException(e.getMessage());
    }
    return Outcome.DONE;
  }

  private static Outcome setParameter(Invocation call) throws MonitorException {
    try {
      call.target().migration().parameters().set(call.arg("parameter"), call.arg("value"));
    } catch (MigrationException e) {
      throw new MonitorException(e.getMessage());
    }
    return Outcome.DONE;
  }

  private static Outcome infoParameters(Invocation call) throws MonitorException {
    for (Map.Entry<String, Long> e :
        call.target().migration().parameters().values().entrySet()) {
      String unit = switch (e.getKey()) {
        case "max-bandwidth" -> " bytes/second";
        case "downtime-limit" -> " ms";
        default -> "";
      };
      call.out().append(e.getKey()).append(": ").append(e.getValue()).append(unit).append('\n');
    }
    return Outcome.DONE;
  }

  private static Outcome infoMigrate(Invocation call) throws MonitorException {
    MigrationInfo info = call.target().migration().info();
    IncomingMigration incoming = call.target().incomingMigration();
    if (info.status() == MigrationStatus.NONE && incoming != null) {
      info = incoming.info();
    }
    call.out().append(format(info));
    return Outcome.DONE;
  }

  /** {@code info migrate} in QEMU 7.2's shape; empty before any migration. */
  static String format(MigrationInfo info) {
    StringBuilder out = new StringBuilder();
    if (info.status() == MigrationStatus.NONE) {
      return "";
    }
    out.append("Migration status: ").append(info.status().qemuName());
    if (info.status() == MigrationStatus.FAILED && info.errorDescription() != null) {
      out.append(" (").append(info.errorDescription()).append(')');
    }
    out.append('\n');
    out.append("total time: ").append(info.totalTimeMillis()).append(" ms\n");
    if (info.status() == MigrationStatus.COMPLETED) {
      out.append("downtime: ").append(info.downtimeMillis()).append(" ms\n");
    } else if (info.status().isRunning()) {
      out.append("expected downtime: ").append(info.expectedDowntimeMillis()).append(" ms\n");
    }
    out.append("setup: ").append(info.setupMillis()).append(" ms\n");
    if (info.status() == MigrationStatus.SETUP) {
      return out.toString();
    }
    out.append("transferred ram: ").append(info.transferredBytes() >> 10).append(" kbytes\n");
    out.append(String.format(Locale.ROOT, "throughput: %.2f mbps\n", info.mbps()));
    out.append("remaining ram: ").append(info.remainingBytes() >> 10).append(" kbytes\n");
    out.append("total ram: ").append(info.totalBytes() >> 10).append(" kbytes\n");
    out.append("duplicate: ").append(info.duplicatePages()).append(" pages\n");
    out.append("skipped: 0 pages\n");
    out.append("normal: ").append(info.normalPages()).append(" pages\n");
    out.append("normal bytes: ").append(info.normalBytes() >> 10).append(" kbytes\n");
    out.append("dirty sync count: ").append(info.dirtySyncCount()).append('\n');
    out.append("page size: ").append(MigrationInfo.PAGE_SIZE >> 10).append(" kbytes\n");
    if (info.dirtyPagesRate() > 0) {
      out.append("dirty pages rate: ").append(info.dirtyPagesRate()).append(" pages\n");
    }
    MigrationInfo.DiskInfo disk = info.disk();
    if (disk != null) {
      out.append("transferred disk: ").append(disk.transferredBytes() >> 10).append(" kbytes\n");
      out.append("remaining disk: ").append(disk.remainingBytes() >> 10).append(" kbytes\n");
      out.append("total disk: ").append(disk.totalBytes() >> 10).append(" kbytes\n");
    }
    if (info.cpuThrottlePercentage() > 0) {
      out.append("cpu throttle percentage: ").append(info.cpuThrottlePercentage()).append('\n');
    }
    return out.toString();
  }
}
