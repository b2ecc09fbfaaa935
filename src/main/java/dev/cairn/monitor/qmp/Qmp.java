package dev.cairn.monitor.qmp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.monitor.Monitor;
import dev.cairn.monitor.MonitorTarget;
import dev.cairn.monitor.VmEvent;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The QMP side of one VM: its command table, its jobs and the events its clients hear. Shares the
 * target, and for {@code human-monitor-command} the HMP command table, with the human monitor.
 * Serve it with {@code MonitorServer.tcp(qmp::newSession, ...)} or {@code unix(...)}.
 *
 * <p>Reference: QEMU {@code docs/interop/qmp-spec.rst}, {@code monitor/qmp.c}.
 */
public final class Qmp implements AutoCloseable {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final MonitorTarget target;
  private final Monitor monitor;
  private final String name;
  private final QmpCommandTable commands = new QmpCommandTable();
  private final List<Consumer<VmEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<VmEvent> forward = this::publish;
  private final JobRegistry jobs = new JobRegistry(this::publish);
  private final Runnable stopMigrationEvents;
  private final java.util.Set<QmpSession> sessions =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param monitor the human monitor whose commands {@code human-monitor-command} runs
   * @param name the VM's name for {@code query-name}; null when it has none (QEMU's {@code -name})
   */
  public Qmp(Monitor monitor, String name) {
    this.monitor = monitor;
    this.target = monitor.target();
    this.name = name;
    StandardQmpCommands.register(this);
    SnapshotJobs.register(this);
    MigrationQmpCommands.register(this);
    stopMigrationEvents = MigrationQmpCommands.forwardEvents(this);
    target.addEventListener(forward);
  }

  /** Adds a command; this is all it takes (argument checks and query-commands follow). */
  public void register(QmpCommand command) {
    commands.register(command);
  }

  /** A new client conversation writing to {@code out}. */
  public QmpSession newSession(OutputStream out) {
    return new QmpSession(this, out);
  }

  public MonitorTarget target() {
    return target;
  }

  Monitor monitor() {
    return monitor;
  }

  Optional<String> name() {
    return Optional.ofNullable(name);
  }

  QmpCommandTable commands() {
    return commands;
  }

  JobRegistry jobs() {
    return jobs;
  }

  /** Sends an event to every negotiated client (and to other listeners, such as a GUI). */
  public void publish(VmEvent event) {
    for (Consumer<VmEvent> listener : listeners) {
      listener.accept(event);
    }
  }

  void addListener(Consumer<VmEvent> listener) {
    listeners.add(listener);
  }

  void removeListener(Consumer<VmEvent> listener) {
    listeners.remove(listener);
  }

  void opened(QmpSession session) {
    sessions.add(session);
  }

  void closed(QmpSession session) {
    sessions.remove(session);
  }

  /** Stops the jobs and lets every client receive what was queued for it (the last events). */
  @Override
  public void close() {
    target.removeEventListener(forward);
    stopMigrationEvents.run();
    jobs.close();
    for (QmpSession session : sessions) {
      session.drain(2_000);
    }
  }
}
