package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.RunState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorCommandsTest {

  private final TypedSession typed = new TypedSession();
  private final FakeTarget target = typed.target;
  private final ByteArrayOutputStream out = typed.out;
  private final MonitorSession session = typed.session;

  private String type(String line) {
    return typed.type(line);
  }

  @Test
  void greetingIsTheBannerThenThePrompt() {
    session.greet();
    assertEquals(
        "Cairn 0.1.0 monitor - type 'help' for more information\r\n(qemu) ",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void infoStatusPrintsQemusExactText() {
    assertEquals("VM status: running\r\n", type("info status"));
  }

  @Test
  void stopThenInfoStatusSaysPaused() {
    assertEquals("", type("stop"));
    assertEquals("VM status: paused\r\n", type("info status"));
    assertEquals("", type("cont"));
    assertEquals("VM status: running\r\n", type("info status"));
    assertEquals(List.of("stop", "cont"), target.calls);
  }

  @Test
  void infoStatusNamesTheReasonForPrelaunch() {
    target.state = RunState.PRELAUNCH;
    assertEquals("VM status: paused (prelaunch)\r\n", type("info status"));
  }

  @Test
  void unknownCommandIsReportedLikeQemu() {
    assertEquals("unknown command: 'xyz'\r\n", type("xyz"));
    assertEquals("unknown command: 'info xyz'\r\n", type("info xyz"));
  }

  @Test
  void helpListsEveryCommandOfTheTable() {
    String help = type("help");
    for (MonitorCommand command : StandardCommands.table().commands()) {
      assertTrue(help.contains("\r\n" + command.name()) || help.startsWith(command.name()), help);
    }
    assertTrue(help.contains("quit|q  -- quit the emulator\r\n"), help);
  }

  @Test
  void helpOfOneCommandShowsItsLine() {
    assertEquals("help|? [cmd...] -- show the help\r\n", type("help help"));
    assertEquals(
        "info status  -- show the current VM status (running|paused)\r\n",
        type("help info status"));
    assertEquals("unknown command: 'nope'\r\n", type("help nope"));
  }

  @Test
  void infoAloneListsItsSubcommands() {
    String text = type("info");
    assertTrue(text.contains("info status  -- "), text);
    assertTrue(text.contains("info version  -- "), text);
  }

  @Test
  void extraArgumentsAreAnError() {
    assertEquals("Error: stop: extraneous characters at the end of line\r\n", type("stop now"));
    assertTrue(target.calls.isEmpty());
  }

  @Test
  void quitAliasAndPowerdownReachTheTarget() {
    type("system_reset");
    type("q");
    assertEquals(List.of("reset", "quit"), target.calls);
  }

  @Test
  void contAfterShutdownIsRefused() {
    target.state = RunState.SHUTDOWN;
    assertEquals("Error: Resetting the Virtual Machine is required\r\n", type("cont"));
    assertFalse(target.calls.contains("cont"));
  }

  @Test
  void emptyLineOnlyShowsThePromptAgain() {
    assertEquals("", type(""));
  }

  @Test
  void backspaceEditsTheLineBeforeItRuns() {
    out.reset();
    byte[] bytes = "info statx\u007fus\r".getBytes(StandardCharsets.UTF_8);
    session.receive(bytes, 0, bytes.length);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("VM status: running"));
  }
}
