package dev.cairn.monitor.qmp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.machine.RunState;
import dev.cairn.monitor.CairnVersion;
import dev.cairn.monitor.MonitorException;
import dev.cairn.monitor.Outcome;
import dev.cairn.monitor.VmControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The QMP commands for the VM's lifecycle and identity, and {@code human-monitor-command}.
 *
 * <p>Reference: QEMU {@code qapi/run-state.json}, {@code qapi/misc.json}, {@code
 * qapi/control.json}.
 */
final class StandardQmpCommands {

  private StandardQmpCommands() {}

  static void register(Qmp qmp) {
    qmp.register(QmpCommand.of("query-status", call -> status(call.target().runState())));
    qmp.register(QmpCommand.of("query-version", call -> version()));
    qmp.register(QmpCommand.of("query-name", call -> {
      Map<String, Object> name = new LinkedHashMap<>();
      call.qmp().name().ifPresent(n -> name.put("name", n));
      return name;
    }));
    qmp.register(QmpCommand.of("query-commands", StandardQmpCommands::commands));
    qmp.register(QmpCommand.of("stop", call -> {
      VmControl.stop(call.target());
      return Map.of();
    }));
    qmp.register(QmpCommand.of("cont", call -> {
      try {
        VmControl.cont(call.target());
      } catch (MonitorException e) {
        throw QmpError.generic(e.getMessage());
      }
      return Map.of();
    }));
    qmp.register(QmpCommand.of("system_reset", call -> {
      call.target().reset();
      return Map.of();
    }));
    qmp.register(QmpCommand.of("system_powerdown", call -> {
      call.target().powerDown();
      return Map.of();
    }));
    // As in QEMU, the return comes first and SHUTDOWN after it.
    qmp.register(QmpCommand.of("quit", call -> {
      call.afterReply(() -> call.target().quit());
      return Map.of();
    }));
    qmp.register(QmpCommand.of("human-monitor-command", StandardQmpCommands::human,
        QmpCommand.Param.required("command-line", QmpType.STR),
        QmpCommand.Param.optional("cpu-index", QmpType.INT)));
  }

  /** {@code StatusInfo}: status, singlestep (always false here) and running. */
  static Map<String, Object> status(RunState state) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("status", state.qemuName());
    status.put("singlestep", false);
    status.put("running", state == RunState.RUNNING);
    return status;
  }

  /** {@code VersionInfo}: Cairn's own version in the {@code qemu} triple, honestly. */
  static ObjectNode version() {
    String[] parts = CairnVersion.VERSION.split("\\.");
    ObjectNode version = Qmp.MAPPER.createObjectNode();
    ObjectNode triple = version.putObject("qemu");
    triple.put("micro", Integer.parseInt(parts[2]));
    triple.put("minor", Integer.parseInt(parts[1]));
    triple.put("major", Integer.parseInt(parts[0]));
    version.put("package", "Cairn " + CairnVersion.VERSION);
    return version;
  }

  private static List<Map<String, String>> commands(QmpCall call) {
    List<Map<String, String>> list = new ArrayList<>();
    list.add(Map.of("name", "qmp_capabilities"));
    for (String name : call.qmp().commands().names()) {
      list.add(Map.of("name", name));
    }
    return list;
  }

  /**
   * Runs an HMP line and returns what it printed, CRLF line ends as QEMU does; HMP errors are part
   * of that text, not QMP errors. A command that suspends its monitor is waited for here, which
   * holds up only this client.
   */
  private static String human(QmpCall call) {
    StringBuilder out = new StringBuilder();
    try {
      Outcome outcome = call.qmp().monitor().run(call.str("command-line"), out);
      if (outcome instanceof Outcome.Pending pending) {
        String rest = pending.completion().toCompletableFuture().join();
        if (rest != null && !rest.isEmpty()) {
          out.append(rest.endsWith("\n") ? rest : rest + "\n");
        }
      }
    } catch (MonitorException e) {
      out.append("Error: ").append(e.getMessage()).append('\n');
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      out.append("Error: ").append(cause.getMessage()).append('\n');
    } catch (RuntimeException e) {
      out.append("Error: ").append(e.getClass().getSimpleName());
      out.append(e.getMessage() == null ? "" : ": " + e.getMessage()).append('\n');
    }
    return out.toString().replaceAll("(?<!\r)\n", "\r\n");
  }
}
