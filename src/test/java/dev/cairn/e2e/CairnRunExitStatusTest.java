package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn run -nographic} as a user runs it, in its own JVM with piped stdin and stdout: the
 * guest's exit becomes the process's exit status, and bad input ends in one readable message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CairnRunExitStatusTest {

  private static final Duration BOOT_WATCHDOG = Duration.ofSeconds(300);
  private static final Duration COMMAND_WATCHDOG = Duration.ofSeconds(60);
  private static final Duration EXIT_WATCHDOG = Duration.ofSeconds(120);
  /** Commands that fail before any boot; generous for a cold JVM on a busy machine. */
  private static final Duration QUICK_WATCHDOG = Duration.ofSeconds(60);
  /** A frame of a Cairn class in a stack trace, which users must never see. */
  private static final String STACK_FRAME = "at dev.";

  @TempDir Path work;
  private GuestImages images;
  private CairnProcess cairn;
  private boolean shellReady;

  @BeforeAll
  void findTheGuestImages() throws Exception {
    images = GuestImagesFixture.images();
  }

  @AfterAll
  void stopCairn() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  @Order(1)
  void theShellPromptAppearsOnStdout() throws Exception {
    cairn =
        CairnProcess.start(
            work,
            Map.of(),
            "run", "-nographic",
            "-kernel", images.kernel().toString(),
            "-initrd", images.initrd().toString(),
            "-bios", images.firmware().toString(),
            "-append", DebianRecipe.defaultKernelCommandLine());
    cairn.console().awaitOutput(SerialConsole.PROMPT, BOOT_WATCHDOG);
    shellReady = true;
    cairn.console().run("dmesg -n 1", COMMAND_WATCHDOG);
    assertEquals("riscv64", cairn.console().run("uname -m", COMMAND_WATCHDOG));
  }

  @Test
  @Order(2)
  void typedInputThroughPipedStdinIsNeverLost() throws Exception {
    requireShell();
    new TypingDrill(cairn.console(), COMMAND_WATCHDOG).run();
  }

  @Test
  @Order(3)
  void poweroffEndsCairnWithStatusZero() throws Exception {
    requireShell();
    cairn.console().type("poweroff -f\n");
    int status = cairn.awaitExit(EXIT_WATCHDOG);
    String stdout = cairn.console().output();
    assertEquals(0, status, () -> "exit status; stderr:\n" + cairn.stderr());
    assertTrue(stdout.contains("reboot: Power down"), () -> cairn.console().tail(1000));
  }

  @Test
  @Order(4)
  void aMissingKernelFileIsNamedWithoutAStackTrace() throws Exception {
    Path missing = work.resolve("no-such-Image");
    CairnProcess.Result result = runCairn(Map.of(), "run", "-nographic",
        "-kernel", missing.toString(), "-bios", images.firmware().toString());
    assertNotEquals(0, result.status());
    assertTrue(result.stderr().contains(missing.toString()), result.stderr());
    assertFalse(result.stderr().contains(STACK_FRAME), result.stderr());
  }

  @Test
  @Order(5)
  void aTextFileIsRefusedAsNotARiscvLinuxImage() throws Exception {
    Path text = work.resolve("notes.txt");
    Files.writeString(text, "This is a shopping list, not a kernel.\n".repeat(10));
    CairnProcess.Result result = runCairn(Map.of(), "run", "-nographic",
        "-kernel", text.toString(), "-bios", images.firmware().toString());
    assertNotEquals(0, result.status());
    assertTrue(result.stderr().contains("not a RISC-V Linux Image"), result.stderr());
    assertTrue(result.stderr().contains(text.toString()), result.stderr());
    assertFalse(result.stderr().contains(STACK_FRAME), result.stderr());
  }

  @Test
  @Order(6)
  void sixteenMegabytesOfRamAreRefusedForTheRealKernel() throws Exception {
    CairnProcess.Result result = runCairn(Map.of(), "run", "-nographic", "-m", "16M",
        "-kernel", images.kernel().toString(),
        "-initrd", images.initrd().toString(),
        "-bios", images.firmware().toString());
    assertNotEquals(0, result.status());
    assertTrue(result.stderr().contains("RAM of 16 MiB is too small"), result.stderr());
    assertFalse(result.stderr().contains(STACK_FRAME), result.stderr());
  }

  @Test
  @Order(7)
  void fetchingImagesFromAnUnreachableMirrorSaysSo() throws Exception {
    Path emptyCache = Files.createDirectory(work.resolve("empty-cache"));
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CACHE_HOME", emptyCache.toString());
    env.put("CAIRN_DEBIAN_MIRROR", null);
    CairnProcess.Result result =
        runCairn(env, "images", "fetch", "--mirror", "http://127.0.0.1:9/debian");
    assertNotEquals(0, result.status());
    assertTrue(
        result.stderr().contains("Cannot connect to the Debian mirror at 127.0.0.1:9"),
        result.stderr());
    assertFalse(result.stderr().contains(STACK_FRAME), result.stderr());
  }

  private CairnProcess.Result runCairn(Map<String, String> env, String... args)
      throws InterruptedException {
    return CairnProcess.run(work, env, QUICK_WATCHDOG, args);
  }

  private void requireShell() {
    assertTrue(shellReady, "cairn never showed a shell prompt (see the first test)");
  }
}
