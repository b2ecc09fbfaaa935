package dev.cairn.monitor.qmp;

import dev.cairn.monitor.FakeTarget;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorServer;
import java.nio.file.Path;

/** A fake VM with its monitor, QMP core and a QMP server on a Unix socket in {@code dir}. */
final class QmpFixture implements AutoCloseable {

  final FakeTarget target = new FakeTarget();
  final Monitor monitor = new Monitor(target);
  final Qmp qmp = new Qmp(monitor, "test-vm");
  final MonitorServer server;

  QmpFixture(Path dir) throws Exception {
    server = MonitorServer.unix(qmp::newSession, dir.resolve("qmp.sock"));
  }

  QmpClient client() throws Exception {
    return new QmpClient(server.localAddress());
  }

  @Override
  public void close() {
    server.close();
    qmp.close();
    monitor.close();
  }
}
