package dev.cairn.monitor.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.migration.snapshot.SnapshotInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** snapshot-save/load/delete as jobs, with QEMU 6.0+ job states, events and errors. */
class SnapshotJobsTest {

  @TempDir Path dir;
  private QmpFixture vm;
  private QmpClient client;

  @BeforeEach
  void connect() throws Exception {
    vm = new QmpFixture(dir);
    client = vm.client().negotiated();
  }

  @AfterEach
  void disconnect() throws Exception {
    client.close();
    vm.close();
  }

  private static String save(String id, String tag) {
    return "{\"execute\": \"snapshot-save\", \"arguments\": {\"job-id\": \"" + id
        + "\", \"tag\": \"" + tag + "\", \"vmstate\": \"disk0\", \"devices\": [\"disk0\"]}}";
  }

  /** Sends a job command; returns its return and the job's status changes up to concluded. */
  private List<String> runJob(String request) throws Exception {
    client.send(request);
    List<String> seen = new ArrayList<>();
    while (!seen.contains("concluded")) {
      JsonNode message = client.next();
      if (message.has("event")) {
        assertEquals("JOB_STATUS_CHANGE", message.get("event").textValue());
        seen.add(message.at("/data/status").textValue());
      } else {
        seen.add("return " + message.get("return"));
      }
    }
    return seen;
  }

  @Test
  void aSaveWalksQemusJobStatesAndWaitsToBeDismissed() throws Exception {
    List<String> seen = runJob(save("save0", "first"));
    seen.remove("return {}");
    assertEquals(List.of("created", "running", "waiting", "pending", "concluded"), seen);
    assertEquals(List.of("savevm first"), vm.target.calls);
    assertEquals("[{\"id\":\"save0\",\"type\":\"snapshot-save\",\"status\":\"concluded\","
        + "\"current-progress\":1,\"total-progress\":1}]",
        client.execute("{\"execute\": \"query-jobs\"}").get("return").toString());
    client.send("{\"execute\": \"job-dismiss\", \"arguments\": {\"id\": \"save0\"}}");
    JsonNode gone = client.next();
    assertEquals("{\"status\":\"null\",\"id\":\"save0\"}", gone.get("data").toString());
    assertEquals("{\"return\":{}}", client.next().toString());
    assertEquals("[]", client.execute("{\"execute\": \"query-jobs\"}").get("return").toString());
    assertEquals("Job not found", client.execute(
        "{\"execute\": \"job-dismiss\", \"arguments\": {\"id\": \"save0\"}}")
        .at("/error/desc").textValue());
  }

  @Test
  void aFailedJobConcludesWithItsError() throws Exception {
    vm.target.snapshotError = "Device 'virtio0' is writable but does not support snapshots";
    runJob(save("s1", "x"));
    JsonNode job = client.execute("{\"execute\": \"query-jobs\"}").get("return").get(0);
    assertEquals("concluded", job.get("status").textValue());
    assertEquals("Device 'virtio0' is writable but does not support snapshots",
        job.get("error").textValue());
  }

  @Test
  void saveRefusesATagThatExistsWhereHmpSavevmWouldOverwrite() throws Exception {
    vm.target.snapshots.add(new SnapshotInfo(1, "first", "f", 1, 0, 0, 0));
    runJob(save("s2", "first"));
    assertEquals("Snapshot 'first' already exists in one or more devices",
        client.execute("{\"execute\": \"query-jobs\"}").at("/return/0/error").textValue());
    assertEquals(List.of(), vm.target.calls);
  }

  @Test
  void loadAndDeleteRunAsJobsToo() throws Exception {
    runJob("{\"execute\": \"snapshot-load\", \"arguments\": {\"job-id\": \"l\", \"tag\": \"a\","
        + " \"vmstate\": \"disk0\", \"devices\": []}}");
    runJob("{\"execute\": \"snapshot-delete\", \"arguments\": {\"job-id\": \"d\", \"tag\": \"a\","
        + " \"devices\": []}}");
    assertEquals(List.of("loadvm a", "delvm a"), vm.target.calls);
    assertEquals("snapshot-delete", client.execute("{\"execute\": \"query-jobs\"}")
        .at("/return/1/type").textValue());
  }

  @Test
  void jobIdsMustBeWellFormedAndUnique() throws Exception {
    runJob(save("dup", "a"));
    assertEquals("Job ID 'dup' already in use",
        client.execute(save("dup", "b")).at("/error/desc").textValue());
    assertEquals("Invalid job ID '1bad'",
        client.execute(save("1bad", "b")).at("/error/desc").textValue());
  }

  @Test
  void aJobThatHasNotConcludedCannotBeDismissed() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    vm.qmp.jobs().start("slow", "snapshot-save", () -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      assertEquals("Job 'slow' in state 'running' cannot accept command verb 'dismiss'",
          client.execute("{\"execute\": \"job-dismiss\", \"arguments\": {\"id\": \"slow\"}}")
              .at("/error/desc").textValue());
    } finally {
      release.countDown();
    }
  }
}
