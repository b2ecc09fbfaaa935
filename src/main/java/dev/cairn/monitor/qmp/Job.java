package dev.cairn.monitor.qmp;

/**
 * One background job (QEMU 6.0+ {@code snapshot-save} and friends) as {@code query-jobs} shows it.
 * Its status walks QEMU's job states: created, running, waiting, pending, concluded; dismissing a
 * concluded job makes it {@code null} and forgets it.
 *
 * <p>Reference: QEMU {@code qapi/job.json} ({@code JobStatus}, {@code JobInfo}).
 */
final class Job {

  final String id;
  final String type;
  private String status = "created";
  private String error;
  private long currentProgress;
  private long totalProgress = 1;

  Job(String id, String type) {
    this.id = id;
    this.type = type;
  }

  synchronized String status() {
    return status;
  }

  synchronized void setStatus(String status) {
    this.status = status;
  }

  synchronized void finish(String error) {
    this.error = error;
    this.currentProgress = totalProgress;
  }

  /** The {@code JobInfo} of {@code query-jobs}. */
  synchronized java.util.Map<String, Object> info() {
    java.util.Map<String, Object> info = new java.util.LinkedHashMap<>();
    info.put("id", id);
    info.put("type", type);
    info.put("status", status);
    info.put("current-progress", currentProgress);
    info.put("total-progress", totalProgress);
    if (error != null) {
      info.put("error", error);
    }
    return info;
  }
}
