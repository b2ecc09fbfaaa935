package dev.cairn.monitor.qmp;

import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.monitor.MonitorException;
import dev.cairn.monitor.MonitorTarget;
import java.util.Map;

/**
 * {@code snapshot-save}, {@code snapshot-load} and {@code snapshot-delete} as background jobs with
 * {@code query-jobs} and {@code job-dismiss}, with QEMU 6.0+ semantics: the command returns at once,
 * {@code JOB_STATUS_CHANGE} events follow the job to {@code concluded}, a failure is the job's
 * {@code error}, and the job stays listed until dismissed.
 *
 * <p>{@code vmstate} and {@code devices} name QEMU block nodes; Cairn keeps the VM state in its
 * snapshot directory and refuses writable raw disks itself, so it checks their types only.
 *
 * <p>Reference: QEMU {@code qapi/migration.json} ({@code snapshot-save} and friends), {@code
 * migration/savevm.c} ({@code save_snapshot}: "already exists" unless overwriting).
 */
final class SnapshotJobs {

  private SnapshotJobs() {}

  static void register(Qmp qmp) {
    QmpCommand.Param jobId = QmpCommand.Param.required("job-id", QmpType.STR);
    QmpCommand.Param tag = QmpCommand.Param.required("tag", QmpType.STR);
    QmpCommand.Param vmstate = QmpCommand.Param.required("vmstate", QmpType.STR);
    QmpCommand.Param devices = QmpCommand.Param.required("devices", QmpType.STR_LIST);
    qmp.register(QmpCommand.of("snapshot-save", call -> start(call, "snapshot-save",
        () -> save(call.target(), call.str("tag"))), jobId, tag, vmstate, devices));
    qmp.register(QmpCommand.of("snapshot-load", call -> start(call, "snapshot-load",
        () -> call.target().loadvm(call.str("tag"))), jobId, tag, vmstate, devices));
    qmp.register(QmpCommand.of("snapshot-delete", call -> start(call, "snapshot-delete",
        () -> call.target().delvm(call.str("tag"))), jobId, tag, devices));
    qmp.register(QmpCommand.of("query-jobs", call -> call.qmp().jobs().list()));
    qmp.register(QmpCommand.of("job-dismiss", call -> {
      call.qmp().jobs().dismiss(call.str("id"));
      return Map.of();
    }, QmpCommand.Param.required("id", QmpType.STR)));
  }

  private static Object start(QmpCall call, String type, JobRegistry.Body body) throws QmpError {
    call.qmp().jobs().start(call.str("job-id"), type, body, call::afterReply);
    return Map.of();
  }

  /** Unlike HMP's savevm, snapshot-save does not overwrite a snapshot of the same tag. */
  private static void save(MonitorTarget target, String tag) throws MonitorException {
    if (exists(target, tag)) {
      throw new MonitorException("Snapshot '" + tag + "' already exists in one or more devices");
    }
    target.savevm(tag);
  }

  private static boolean exists(MonitorTarget target, String tag) throws MonitorException {
    for (SnapshotInfo s : target.snapshots()) {
      if (s.tag().equals(tag)) {
        return true;
      }
    }
    return false;
  }
}
