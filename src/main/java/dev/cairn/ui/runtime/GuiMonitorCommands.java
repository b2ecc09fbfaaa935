package dev.cairn.ui.runtime;

import dev.cairn.monitor.CommandTable;
import dev.cairn.monitor.Invocation;
import dev.cairn.monitor.MonitorCommand;
import dev.cairn.monitor.MonitorException;
import dev.cairn.monitor.Outcome;
import dev.cairn.monitor.StandardCommands;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The monitor's command table in the GUI: the standard rows, with {@code savevm} and
 * {@code loadvm} run on the VM's control thread while the monitor session is suspended.
 *
 * <p>They do what the standard rows do (a stop-the-world save or load, as in QEMU), but the
 * session is not blocked inside the command: it suspends, so the Monitor tab greys out its input
 * and shows the elapsed time until the command ends, as DESIGN.md asks for blocking commands.
 * The rows keep the standard names, parameters and help.
 */
final class GuiMonitorCommands {

  private static final DateTimeFormatter DEFAULT_TAG =
      DateTimeFormatter.ofPattern("'vm-'yyyyMMddHHmmss");

  private GuiMonitorCommands() {}

  static CommandTable table(VmInstance vm) {
    CommandTable standard = StandardCommands.table();
    return new CommandTable(standard.commands().stream()
        .map(row -> switch (row.name()) {
          case "savevm" -> suspending(row, call -> {
            String tag = call.arg("tag") != null ? call.arg("tag")
                : DEFAULT_TAG.format(LocalDateTime.now());
            vm.savevm(tag);
          }, "saving the VM state (VM paused)");
          case "loadvm" -> suspending(row, call -> vm.loadvm(call.arg("tag")),
              "loading the VM state (VM paused)");
          default -> row;
        })
        .toList());
  }

  @FunctionalInterface
  private interface Work {
    void run(Invocation call) throws MonitorException;
  }

  private static MonitorCommand suspending(MonitorCommand row, Work work, String what) {
    return new MonitorCommand(row.name(), row.aliases(), row.params(), row.help(), call -> {
      long start = System.nanoTime();
      CompletableFuture<String> done = CompletableFuture.supplyAsync(() -> {
        try {
          work.run(call);
          return "";
        } catch (MonitorException e) {
          throw new CompletionException(e);
        }
      }, command -> callOn(call, command));
      return new Outcome.Pending(done, () -> String.format("%s: %.1f s", what,
          (System.nanoTime() - start) / 1e9));
    }, true, null);
  }

  /** Runs on the VM's control thread, after whatever the GUI asked before. */
  private static void callOn(Invocation call, Runnable command) {
    ((VmInstance) call.target()).control().execute(command);
  }
}
