package dev.cairn.cli;

import dev.cairn.hw.chr.CharSink;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.MachineConfigException;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorServer;
import dev.cairn.monitor.MonitorSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one VM the way {@code qemu-system-riscv64} does: serial and monitors wired to stdio and
 * sockets, then waits for the VM to end and returns its exit status.
 */
final class VmRunner {

  private final CliContext context;

  VmRunner(CliContext context) {
    this.context = context;
  }

  int run(RunSpec spec) throws CliException, InterruptedException {
    Chardev serial = spec.effectiveSerial();
    List<Chardev> monitors = spec.effectiveMonitors();
    long stdioMonitors = monitors.stream().filter(m -> m.kind() == Chardev.Kind.STDIO).count();
    if (stdioMonitors > 1) {
      throw new CliException("-monitor stdio: stdio can carry only one monitor");
    }
    MachineConfig config = new BootFiles(context).resolve(spec);
    Vm vm;
    try {
      vm = context.vms().create(config);
    } catch (MachineConfigException e) {
      throw new CliException(e.getMessage());
    }
    List<MonitorServer> servers = new ArrayList<>();
    TerminalMode terminal = null;
    try (vm;
        ConsoleOutput console = new ConsoleOutput(context.out());
        Monitor monitor = new Monitor(vm)) {
      boolean serialOnStdio = serial.kind() == Chardev.Kind.STDIO;
      vm.setSerialSink(serialOnStdio ? console.serialSink() : CharSink.DISCARD);
      List<MonitorServer> waitFor = new ArrayList<>();
      for (Chardev chardev : monitors) {
        MonitorServer server = listen(monitor, chardev);
        if (server != null) {
          servers.add(server);
          if (chardev.waitForClient()) {
            waitFor.add(server);
          }
        }
      }
      // Like QEMU, wait for ",server,wait" clients first, while the terminal is still cooked.
      for (int i = 0; i < waitFor.size(); i++) {
        context.err().println("cairn: waiting for a monitor connection on " + describe(waitFor, i));
        waitFor.get(i).awaitFirstClient();
      }
      if (serialOnStdio || stdioMonitors > 0) {
        if (context.interactive()) {
          terminal = TerminalMode.enterRaw(!spec.nographic);
        }
        MonitorSession session = stdioMonitors > 0 ? monitor.newSession(console.stream()) : null;
        StdioMux mux =
            new StdioMux(
                context.in(),
                console,
                serialOnStdio ? vm::sendSerialInput : null,
                session,
                vm::quit);
        mux.begin();
        Thread reader = new Thread(mux, "stdin");
        reader.setDaemon(true);
        reader.start();
      }
      if (spec.noReboot) {
        context.err().println("cairn: warning: -no-reboot is accepted but not honoured yet");
      }
      if (!spec.startPaused) {
        vm.start();
      }
      return vm.awaitShutdown();
    } finally {
      servers.forEach(MonitorServer::close);
      if (terminal != null) {
        terminal.restore();
      }
    }
  }

  private static String describe(List<MonitorServer> servers, int i) {
    try {
      return String.valueOf(servers.get(i).localAddress());
    } catch (IOException e) {
      return "its socket";
    }
  }

  private static MonitorServer listen(Monitor monitor, Chardev chardev) throws CliException {
    try {
      switch (chardev.kind()) {
        case TCP:
          return MonitorServer.tcp(monitor, chardev.host(), chardev.port());
        case UNIX:
          return MonitorServer.unix(monitor, chardev.path());
        default:
          return null;
      }
    } catch (IOException e) {
      throw new CliException(
          "-monitor " + chardev.describe() + ": cannot listen: " + e.getMessage());
    }
  }
}
