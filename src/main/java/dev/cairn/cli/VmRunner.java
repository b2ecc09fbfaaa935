package dev.cairn.cli;

import dev.cairn.hw.chr.CharSink;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.MachineConfigException;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorServer;
import dev.cairn.monitor.MonitorSession;
import dev.cairn.monitor.qmp.Qmp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
    List<AutoCloseable> closeables = new ArrayList<>();
    TerminalMode terminal = null;
    try (vm;
        ConsoleOutput console = new ConsoleOutput(context.out());
        Monitor monitor = new Monitor(vm);
        Qmp qmp = new Qmp(monitor, null)) {
      // Before any monitor listens, so no savevm can arrive without a place to go.
      vm.setSnapshotDirectory(
          spec.snapshotDir != null
              ? spec.snapshotDir
              : SnapshotDirectory.defaultFor(config, System.getenv()));
      boolean serialOnStdio = serial.kind() == Chardev.Kind.STDIO;
      List<Waitable> waitFor = new ArrayList<>();
      if (serialOnStdio) {
        vm.setSerialSink(console.serialSink());
      } else if (serial.kind() == Chardev.Kind.NONE) {
        vm.setSerialSink(CharSink.DISCARD);
      } else {
        SerialServer serialServer = serialServer(serial, vm);
        closeables.add(serialServer);
        vm.setSerialSink(serialServer.sink());
        if (serial.waitForClient()) {
          waitFor.add(new Waitable(serialServer.describe(), serialServer::awaitFirstClient));
        }
      }
      for (Chardev chardev : monitors) {
        MonitorServer server = listen(monitor, chardev);
        if (server != null) {
          closeables.add(server);
          if (chardev.waitForClient()) {
            waitFor.add(new Waitable(chardev.describe(), server::awaitFirstClient));
          }
        }
      }
      for (Chardev chardev : spec.qmps) {
        MonitorServer server = listenQmp(qmp, chardev);
        closeables.add(server);
        if (chardev.waitForClient()) {
          waitFor.add(new Waitable(chardev.describe(), server::awaitFirstClient));
        }
      }
      // Like QEMU, wait for ",server,wait" clients first, while the terminal is still cooked.
      for (Waitable server : waitFor) {
        context.err().println("cairn: waiting for a connection on " + server.address());
        server.await().run();
      }
      Thread reader = null;
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
        reader = new Thread(mux, "stdin");
        reader.setDaemon(true);
      }
      vm.setNoReboot(spec.noReboot);
      AtomicBoolean incomingFailed = new AtomicBoolean();
      if (spec.incoming != null) {
        // As QEMU: a failed incoming migration ends the process with the reason and status 1.
        String address = vm.startIncoming(spec.incoming, !spec.startPaused, reason -> {
          context.err().println("cairn: " + reason);
          incomingFailed.set(true);
          vm.quit();
        });
        if (address != null) {
          context.err().println("cairn: waiting for an incoming migration on " + address);
        }
      } else if (!spec.startPaused) {
        vm.start();
      }
      // Only now: a monitor command typed ahead on stdin must find the VM started, not in
      // PRELAUNCH (MainTest.nographicMuxesSerialAndMonitorOnStdio raced on this under load).
      if (reader != null) {
        reader.start();
      }
      int status = vm.awaitShutdown();
      return incomingFailed.get() ? 1 : status;
    } finally {
      closeAll(closeables);
      if (terminal != null) {
        terminal.restore();
      }
    }
  }

  /** A server that QEMU's {@code wait} option says to wait for. */
  private record Waitable(String address, Await await) {}

  @FunctionalInterface
  private interface Await {
    void run() throws InterruptedException;
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing on the way out; nothing useful to add to the exit status.
      }
    }
  }

  private static SerialServer serialServer(Chardev chardev, Vm vm) throws CliException {
    try {
      return SerialServer.listen(chardev, vm::sendSerialInput);
    } catch (IOException e) {
      throw new CliException(
          "-serial " + chardev.describe() + ": cannot listen: " + e.getMessage());
    }
  }

  private static MonitorServer listenQmp(Qmp qmp, Chardev chardev) throws CliException {
    try {
      return chardev.kind() == Chardev.Kind.TCP
          ? MonitorServer.tcp(qmp::newSession, chardev.host(), chardev.port())
          : MonitorServer.unix(qmp::newSession, chardev.path());
    } catch (IOException e) {
      throw new CliException("-qmp " + chardev.describe() + ": cannot listen: " + e.getMessage());
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
