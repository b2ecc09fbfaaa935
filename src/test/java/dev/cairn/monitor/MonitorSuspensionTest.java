package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MonitorSuspensionTest {

  private final CompletableFuture<String> work = new CompletableFuture<>();
  private final CommandTable table =
      StandardCommands.table()
          .with(
              MonitorCommand.suspending(
                  "slow",
                  "",
                  "wait for the test",
                  call -> new Outcome.Pending(work, () -> "50% done")));
  private final Monitor monitor = new Monitor(new FakeTarget(), table);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final MonitorSession session = monitor.newSession(out);

  private void type(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    session.receive(bytes, 0, bytes.length);
  }

  @Test
  void aPendingCommandSuspendsTheSessionUntilItCompletes() {
    List<Boolean> changes = new ArrayList<>();
    session.setSuspendListener(changes::add);
    type("slow\n");
    assertTrue(session.isSuspended());
    out.reset();
    type("info status\n");
    assertEquals("", out.toString(StandardCharsets.UTF_8), "input is not read while suspended");

    work.complete("finished");

    String after = out.toString(StandardCharsets.UTF_8);
    assertFalse(session.isSuspended());
    assertEquals("finished\r\n(qemu) info status\r\nVM status: running\r\n(qemu) ", after);
    assertEquals(List.of(true, false), changes);
  }

  @Test
  void aFailedPendingCommandPrintsItsError() {
    type("slow\n");
    out.reset();
    work.completeExceptionally(new IllegalStateException("disk full"));
    assertEquals("Error: disk full\r\n(qemu) ", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void listenersSeeTheCommandItsProgressAndTheOutcomeWithoutPolling() throws Exception {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch ticked = new java.util.concurrent.CountDownLatch(1);
    session.addSuspensionListener(new SuspensionListener() {
      @Override
      public void suspended(String commandLine, String progress) {
        heard.add("suspended " + commandLine + " at " + progress);
      }

      @Override
      public void progress(String text) {
        heard.add("progress " + text);
        ticked.countDown();
      }

      @Override
      public void resumed(String failure) {
        heard.add("resumed " + failure);
      }
    });
    type("slow\n");
    assertEquals("slow", session.suspendedCommand());
    assertEquals("50% done", session.progress());
    assertTrue(ticked.await(10, java.util.concurrent.TimeUnit.SECONDS));
    work.completeExceptionally(new IllegalStateException("disk full"));
    assertEquals(null, session.suspendedCommand());
    assertEquals("", session.progress());
    assertEquals("suspended slow at 50% done", heard.get(0));
    assertEquals("progress 50% done", heard.get(1));
    assertEquals("resumed disk full", heard.get(heard.size() - 1));
  }
}
