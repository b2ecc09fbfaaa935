package dev.cairn.monitor.qmp;

import dev.cairn.monitor.MonitorException;
import dev.cairn.monitor.VmEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The VM's jobs: started by commands, run one at a time on their own thread (so no QMP client
 * waits for a snapshot), announced by {@code JOB_STATUS_CHANGE} events, kept until dismissed
 * (QEMU's snapshot jobs are never auto-dismissed).
 *
 * <p>Reference: QEMU {@code job.c} (state transitions, {@code job_apply_verb_locked} messages) and
 * {@code qapi/job.json}.
 */
final class JobRegistry implements AutoCloseable {

  /** What a job does; a {@link MonitorException} becomes the job's {@code error}. */
  @FunctionalInterface
  interface Body {
    void run() throws MonitorException;
  }

  /** QEMU's {@code id_wellformed}: a letter, then letters, digits, '-', '.', '_'. */
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Consumer<VmEvent> events;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "qmp-jobs");
            t.setDaemon(true);
            return t;
          });

  JobRegistry(Consumer<VmEvent> events) {
    this.events = events;
  }

  /**
   * Creates a job and starts it; returns once it is running.
   *
   * @throws QmpError for a malformed or already used job id
   */
  void start(String id, String type, Body body) throws QmpError {
    start(id, type, body, Runnable::run);
  }

  /**
   * Creates a job (announcing {@code created} and {@code running} at once, as QEMU does within
   * the command) and hands its work to {@code launch}; QMP launches it after the command's
   * return is queued, so the return always comes before the job's later events.
   *
   * @throws QmpError for a malformed or already used job id
   */
  void start(String id, String type, Body body, Consumer<Runnable> launch) throws QmpError {
    Job job = new Job(id, type);
    synchronized (this) {
      if (!WELL_FORMED.matcher(id).matches()) {
        throw QmpError.generic("Invalid job ID '" + id + "'");
      }
      if (jobs.containsKey(id)) {
        throw QmpError.generic("Job ID '" + id + "' already in use");
      }
      jobs.put(id, job);
    }
    announce(job, "created");
    announce(job, "running");
    launch.accept(() -> runner.execute(() -> run(job, body)));
  }

  private void run(Job job, Body body) {
    String error = null;
    try {
      body.run();
    } catch (MonitorException e) {
      error = e.getMessage();
    } catch (RuntimeException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    job.finish(error);
    announce(job, "waiting");
    announce(job, "pending");
    announce(job, "concluded");
  }

  private void announce(Job job, String status) {
    job.setStatus(status);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", status);
    data.put("id", job.id);
    events.accept(VmEvent.now("JOB_STATUS_CHANGE", data));
  }

  synchronized List<Map<String, Object>> list() {
    List<Map<String, Object>> infos = new ArrayList<>();
    jobs.values().forEach(job -> infos.add(job.info()));
    return infos;
  }

  /**
   * Forgets a concluded job.
   *
   * @throws QmpError when there is no such job or it has not concluded
   */
  void dismiss(String id) throws QmpError {
    Job job;
    synchronized (this) {
      job = jobs.get(id);
      if (job == null) {
        throw QmpError.generic("Job not found");
      }
      if (!job.status().equals("concluded")) {
        throw QmpError.generic("Job '" + id + "' in state '" + job.status()
            + "' cannot accept command verb 'dismiss'");
      }
      jobs.remove(id);
    }
    announce(job, "null");
  }

  @Override
  public void close() {
    runner.shutdownNow();
  }
}
