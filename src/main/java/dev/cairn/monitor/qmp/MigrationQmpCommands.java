package dev.cairn.monitor.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.migration.controller.MigrationController;
import dev.cairn.migration.controller.MigrationException;
import dev.cairn.migration.controller.MigrationInfo;
import dev.cairn.migration.controller.MigrationListener;
import dev.cairn.migration.controller.MigrationOptions;
import dev.cairn.migration.controller.MigrationStatus;
import dev.cairn.migration.incoming.IncomingMigration;
import dev.cairn.monitor.MigrationCapabilities;
import dev.cairn.monitor.MonitorException;
import dev.cairn.monitor.MonitorTarget;
import dev.cairn.monitor.VmEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The migration commands of QMP, over the VM's {@link MigrationController}, and its
 * {@code MIGRATION} / {@code MIGRATION_PASS} events (sent only with the {@code events} capability
 * on, as in QEMU).
 *
 * <p>Reference: QEMU {@code qapi/migration.json} ({@code MigrationInfo}, {@code MigrationStats},
 * {@code migrate-set-parameters}, {@code migrate-set-capabilities}); the shapes of {@code
 * shared/reference/qemu-qmp-samples.txt}.
 */
final class MigrationQmpCommands {

  /** The members of one entry of {@code migrate-set-capabilities}. */
  private static final QmpCommand CAPABILITY = QmpCommand.of("MigrationCapabilityStatus",
      call -> null,
      QmpCommand.Param.required("capability", QmpType.STR),
      QmpCommand.Param.required("state", QmpType.BOOL));

  private MigrationQmpCommands() {}

  static void register(Qmp qmp) {
    qmp.register(QmpCommand.of("migrate", MigrationQmpCommands::migrate,
        QmpCommand.Param.required("uri", QmpType.STR),
        QmpCommand.Param.optional("blk", QmpType.BOOL),
        QmpCommand.Param.optional("inc", QmpType.BOOL),
        QmpCommand.Param.optional("detach", QmpType.BOOL),
        QmpCommand.Param.optional("resume", QmpType.BOOL)));
    // QEMU's name is migrate_cancel; migrate-cancel is the dashed spelling some clients use.
    for (String name : List.of("migrate_cancel", "migrate-cancel")) {
      qmp.register(QmpCommand.of(name, call -> {
        controller(call).cancel();
        return Map.of();
      }));
    }
    qmp.register(QmpCommand.of("migrate-incoming", MigrationQmpCommands::incoming,
        QmpCommand.Param.required("uri", QmpType.STR)));
    qmp.register(QmpCommand.of("query-migrate", call -> info(controller(call).info())));
    qmp.register(QmpCommand.of("query-migrate-parameters",
        call -> controller(call).parameters().values()));
    qmp.register(new QmpCommand("migrate-set-parameters", parameterParams(qmp.target()),
        MigrationQmpCommands::setParameters));
    qmp.register(QmpCommand.of("query-migrate-capabilities", call -> capabilities(call)));
    qmp.register(QmpCommand.of("migrate-set-capabilities", MigrationQmpCommands::setCapabilities,
        QmpCommand.Param.required("capabilities", QmpType.ANY)));
  }

  /**
   * Turns the controller's progress into QMP events.
   *
   * @return what stops it (when {@code qmp} closes)
   */
  static Runnable forwardEvents(Qmp qmp) {
    MigrationController controller;
    try {
      controller = qmp.target().migration();
    } catch (MonitorException e) {
      return () -> {}; // a VM that cannot migrate has no migration events
    }
    MigrationListener listener = new MigrationListener() {
      private long passes;

      @Override
      public void statusChanged(MigrationInfo info) {
        if (info.status() == MigrationStatus.SETUP) {
          passes = 0;
        }
        pass(info);
        if (controller.capabilities().events()) {
          qmp.publish(VmEvent.now("MIGRATION", Map.of("status", info.status().qemuName())));
        }
      }

      @Override
      public void progress(MigrationInfo info) {
        pass(info);
      }

      private synchronized void pass(MigrationInfo info) {
        while (passes < info.dirtySyncCount()) {
          passes++;
          if (controller.capabilities().events()) {
            qmp.publish(VmEvent.now("MIGRATION_PASS", Map.of("pass", passes)));
          }
        }
      }
    };
    controller.addListener(listener);
    return () -> controller.removeListener(listener);
  }

  private static MigrationController controller(QmpCall call) throws QmpError {
    try {
      return call.target().migration();
    } catch (MonitorException e) {
      throw QmpError.generic(e.getMessage());
    }
  }

  private static Object migrate(QmpCall call) throws QmpError {
    if (call.bool("resume", false) || call.bool("inc", false)) {
      throw QmpError.generic("Cairn migrates without 'resume' and 'inc' (postcopy and"
          + " incremental block migration are not implemented)");
    }
    try {
      controller(call).start(call.str("uri"), new MigrationOptions(call.bool("blk", false)));
    } catch (MigrationException e) {
      throw QmpError.generic(e.getMessage());
    }
    return Map.of();
  }

  private static Object incoming(QmpCall call) throws QmpError {
    IncomingMigration incoming = call.target().incomingMigration();
    if (incoming == null) {
      throw QmpError.generic("'-incoming' was not specified on the command line");
    }
    try {
      incoming.listen(call.str("uri"));
    } catch (MigrationException e) {
      throw QmpError.generic(e.getMessage());
    }
    return Map.of();
  }

  /** Every parameter Cairn knows, each an optional uint64 (QEMU's types for them). */
  private static List<QmpCommand.Param> parameterParams(MonitorTarget target) {
    List<QmpCommand.Param> params = new ArrayList<>();
    try {
      for (String name : target.migration().parameters().values().keySet()) {
        params.add(QmpCommand.Param.optional(name, QmpType.UINT64));
      }
    } catch (MonitorException e) {
      // No migration: the command then fails in its handler, with the controller's reason.
    }
    return params;
  }

  private static Object setParameters(QmpCall call) throws QmpError {
    MigrationController controller = controller(call);
    Map<String, Long> before = controller.parameters().values();
    try {
      for (Iterator<Map.Entry<String, JsonNode>> it = call.args().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        controller.parameters().set(e.getKey(), e.getValue().longValue());
      }
    } catch (MigrationException e) {
      restore(controller, before);
      throw QmpError.generic(e.getMessage());
    }
    return Map.of();
  }

  /** A refused value leaves all parameters as they were, as QEMU checks before it applies. */
  private static void restore(MigrationController controller, Map<String, Long> values) {
    for (Map.Entry<String, Long> e : values.entrySet()) {
      try {
        controller.parameters().set(e.getKey(), e.getValue());
      } catch (MigrationException impossible) {
        throw new IllegalStateException("a value read back was refused", impossible);
      }
    }
  }

  private static List<Map<String, Object>> capabilities(QmpCall call) throws QmpError {
    Map<String, Boolean> states = new LinkedHashMap<>(MigrationCapabilities.allOff());
    states.putAll(controller(call).capabilities().values());
    List<Map<String, Object>> list = new ArrayList<>();
    states.forEach((name, on) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("state", on);
      entry.put("capability", name);
      list.add(entry);
    });
    return list;
  }

  /** {@code capabilities}: a list of {@code {"capability": name, "state": bool}}. */
  private static Object setCapabilities(QmpCall call) throws QmpError {
    JsonNode list = call.args().get("capabilities");
    if (!list.isArray()) {
      throw QmpError.generic(
          "Invalid parameter type for 'capabilities', expected: array");
    }
    Map<String, Boolean> wanted = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "capabilities[" + i + "]";
      JsonNode entry = list.get(i);
      QmpType.OBJECT.check(path, entry);
      QmpDispatcher.checkArguments(path + ".", CAPABILITY, (ObjectNode) entry);
      wanted.put(entry.get("capability").textValue(), entry.get("state").booleanValue());
    }
    MigrationController controller = controller(call);
    Map<String, Boolean> before = controller.capabilities().values();
    try {
      for (Map.Entry<String, Boolean> e : wanted.entrySet()) {
        controller.setCapability(e.getKey(), e.getValue());
      }
    } catch (MigrationException e) {
      for (Map.Entry<String, Boolean> b : before.entrySet()) {
        try {
          controller.setCapability(b.getKey(), b.getValue());
        } catch (MigrationException impossible) {
          throw new IllegalStateException("a capability read back was refused", impossible);
        }
      }
      throw QmpError.generic(e.getMessage());
    }
    return Map.of();
  }

  /** {@code MigrationInfo} as QEMU's query-migrate shows it; {} before any migration. */
  static Map<String, Object> info(MigrationInfo info) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (info.status() == MigrationStatus.NONE) {
      return out;
    }
    out.put("status", info.status().qemuName());
    if (info.status() == MigrationStatus.FAILED) {
      out.put("error-desc", info.errorDescription());
      return out;
    }
    out.put("setup-time", info.setupMillis());
    out.put("total-time", info.totalTimeMillis());
    if (info.status() == MigrationStatus.COMPLETED) {
      out.put("downtime", info.downtimeMillis());
    } else {
      out.put("expected-downtime", info.expectedDowntimeMillis());
    }
    out.put("ram", ram(info));
    if (info.disk() != null) {
      Map<String, Object> disk = new LinkedHashMap<>();
      disk.put("transferred", info.disk().transferredBytes());
      disk.put("remaining", info.disk().remainingBytes());
      disk.put("total", info.disk().totalBytes());
      out.put("disk", disk);
    }
    if (info.cpuThrottlePercentage() > 0) {
      out.put("cpu-throttle-percentage", info.cpuThrottlePercentage());
    }
    return out;
  }

  /**
   * {@code MigrationStats}. Postcopy, multifd and zero-copy counters are 0 because Cairn has
   * none of those; {@code pages-per-second} is the whole migration's average.
   */
  private static Map<String, Object> ram(MigrationInfo info) {
    Map<String, Object> ram = new LinkedHashMap<>();
    long pages = info.normalPages() + info.duplicatePages();
    ram.put("transferred", info.transferredBytes());
    ram.put("remaining", info.remainingBytes());
    ram.put("total", info.totalBytes());
    ram.put("duplicate", info.duplicatePages());
    ram.put("skipped", 0);
    ram.put("normal", info.normalPages());
    ram.put("normal-bytes", info.normalBytes());
    ram.put("dirty-pages-rate", info.dirtyPagesRate());
    ram.put("mbps", info.mbps());
    ram.put("dirty-sync-count", info.dirtySyncCount());
    ram.put("postcopy-requests", 0);
    ram.put("page-size", MigrationInfo.PAGE_SIZE);
    ram.put("multifd-bytes", 0);
    ram.put("pages-per-second",
        info.totalTimeMillis() > 0 ? pages * 1000 / info.totalTimeMillis() : 0);
    ram.put("precopy-bytes", info.transferredBytes());
    ram.put("downtime-bytes", 0);
    ram.put("postcopy-bytes", 0);
    ram.put("dirty-sync-missed-zero-copy", 0);
    return ram;
  }
}
