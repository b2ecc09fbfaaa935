package dev.cairn.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.hw.chr.Uart16550;
import dev.cairn.machine.DriveConfig;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.memory.PhysicalBus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the real Debian guest once (a boot costs about 40 s of CPU) and checks, in order, what
 * the issue "What must hold" asks of it: a shell, the release file, the disk in both directions,
 * virtio-rng, lossless typing and a clean poweroff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianBootTest {

  private static final long MIB = 1L << 20;
  private static final int SECTOR = 512;
  private static final long DISK_SIZE = 8 * MIB;
  private static final Duration BOOT_WATCHDOG = Duration.ofSeconds(300);
  private static final Duration COMMAND_WATCHDOG = Duration.ofSeconds(60);
  private static final Duration POWEROFF_WATCHDOG = Duration.ofSeconds(120);

  private Path disk;
  private byte[] sectorZero;
  private Machine machine;
  private SerialConsole console;
  /** Set once the first test saw a prompt, so later tests fail fast instead of each waiting. */
  private boolean shellReady;

  @BeforeAll
  void bootTheDefaultVm(@TempDir Path dir) throws Exception {
    GuestImages images = GuestImagesFixture.images();
    disk = dir.resolve("disk.raw");
    sectorZero = pattern(SECTOR);
    byte[] content = new byte[(int) DISK_SIZE];
    System.arraycopy(sectorZero, 0, content, 0, SECTOR);
    Files.write(disk, content);
    machine =
        Machine.create(
            new MachineConfig(
                512 * MIB,
                images.firmware(),
                images.kernel(),
                images.initrd(),
                DebianRecipe.defaultKernelCommandLine(),
                List.of(new DriveConfig(disk, "raw", false)),
                true,
                false));
    console = new SerialConsole(machine::sendSerialInput);
    console.setDiagnostics(() -> vcpuState(machine));
    machine.setSerialSink(console);
    machine.start();
  }

  @AfterAll
  void stopTheVm() {
    if (machine != null) {
      machine.close();
    }
  }

  @Test
  @Order(1)
  void theShellPromptAppearsAndUnameSaysRiscv64() throws Exception {
    console.awaitOutput(SerialConsole.PROMPT, BOOT_WATCHDOG);
    shellReady = true;
    // Kernel messages on the console could land inside command output; keep only emergencies
    // (the poweroff message is one).
    console.run("dmesg -n 1", COMMAND_WATCHDOG);
    assertEquals("riscv64", console.run("uname -m", COMMAND_WATCHDOG));
  }

  @Test
  @Order(2)
  void theReleaseFileInTheGuestIsTheOneInTheRepository() throws Exception {
    requireShell();
    String expected = GuestImagesFixture.md5(GuestImagesFixture.shippedResource(
        "guest/cairn-release"));
    assertEquals(
        expected + "  /etc/cairn-release", console.run("md5sum /etc/cairn-release",
            COMMAND_WATCHDOG));
  }

  @Test
  @Order(3)
  void theRawDiskIsDevVdaWithItsSizeAndFirstSector() throws Exception {
    requireShell();
    assertEquals(
        String.valueOf(DISK_SIZE / SECTOR),
        console.run("cat /sys/block/vda/size", COMMAND_WATCHDOG));
    assertEquals(
        GuestImagesFixture.md5(sectorZero) + "  -",
        console.run("dd if=/dev/vda bs=512 count=1 2>/dev/null | md5sum", COMMAND_WATCHDOG));
  }

  @Test
  @Order(4)
  void aSectorWrittenByTheGuestLandsInTheHostFileAndNothingElseChanges() throws Exception {
    requireShell();
    String marker = "CAIRN-SECTOR-7";
    console.run(
        "printf " + marker + " | dd of=/dev/vda bs=512 seek=7 conv=notrunc,fsync",
        COMMAND_WATCHDOG);
    assertEquals("dd=0", console.run("echo dd=$?", COMMAND_WATCHDOG));
    // fsync should already have pushed the block to the device; sync makes sure even if not.
    console.run("sync", COMMAND_WATCHDOG);

    byte[] expected = new byte[(int) DISK_SIZE];
    System.arraycopy(sectorZero, 0, expected, 0, SECTOR);
    byte[] markerBytes = marker.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(markerBytes, 0, expected, 7 * SECTOR, markerBytes.length);
    byte[] actual = Files.readAllBytes(disk);
    assertArrayEquals(
        markerBytes,
        Arrays.copyOfRange(actual, 7 * SECTOR, 7 * SECTOR + markerBytes.length),
        "the guest's bytes at offset 7*512 of the host file");
    assertArrayEquals(expected, actual, "the host file outside the written bytes");
  }

  @Test
  @Order(5)
  void virtioRngIsTheGuestsHardwareRandomSource() throws Exception {
    requireShell();
    String current = console.run("cat /sys/class/misc/hw_random/rng_current", COMMAND_WATCHDOG);
    assertTrue(current.startsWith("virtio_rng"), "rng_current is '" + current + "'");
  }

  @Test
  @Order(6)
  void typedInputIsNeverLost() throws Exception {
    requireShell();
    new TypingDrill(console, COMMAND_WATCHDOG).run();
    // The shell still answers a fresh command afterwards.
    assertEquals("after-drill", console.run("echo after-drill", COMMAND_WATCHDOG));
  }

  @Test
  @Order(7)
  void poweroffEndsTheVmWithStatusZero() throws Exception {
    requireShell();
    console.mark();
    console.type("poweroff -f\n");
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return machine.awaitShutdown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
              }
            });
    try {
      assertEquals(0, status.get(POWEROFF_WATCHDOG.toSeconds(), TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      String state = vcpuState(machine);
      machine.powerOff();
      fail("the VM did not stop within " + POWEROFF_WATCHDOG.toSeconds() + " s of 'poweroff -f'; "
          + state + "; last output:\n" + console.tail(2000));
    }
    console.awaitOutput("reboot: Power down", Duration.ofSeconds(1));
  }

  private void requireShell() {
    assertTrue(shellReady, "the guest never reached a shell prompt (see the first test)");
  }

  /** Sector 0: bytes that no zeroed or shifted disk could reproduce. */
  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 37 + 11);
    }
    byte[] label = "CAIRN-E2E-SECTOR-0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(label, 0, bytes, 0, label.length);
    return bytes;
  }

  /**
   * Where the vCPU is, sampled three times a second apart: tells a busy guest (instret moves), an
   * idle one (WFI) and a stuck vCPU thread (posted work never runs) apart, and shows whether
   * typed bytes still wait in the UART.
   */
  static String vcpuState(Machine machine) {
    StringBuilder state = new StringBuilder("run state " + machine.runState());
    Uart16550 uart = uart(machine.bus());
    for (int sample = 0; sample < 3; sample++) {
      CompletableFuture<String> seen = new CompletableFuture<>();
      machine.post(
          () ->
              seen.complete(
                  String.format(
                      "pc=0x%x wfi=%b instret=%d priv=%d uartPendingInput=%d uartIrq=%b",
                      machine.hart().pc(),
                      machine.hart().isWaitingForInterrupt(),
                      machine.hart().instret(),
                      machine.hart().privilege(),
                      uart == null ? -1 : uart.pendingInput(),
                      uart != null && uart.interruptPending())));
      try {
        state.append("; ").append(seen.get(2, TimeUnit.SECONDS));
        Thread.sleep(1_000);
      } catch (TimeoutException e) {
        state.append(
            String.format(
                "; vCPU ran no posted work within 2 s (unsynchronized: pc=0x%x wfi=%b instret=%d)",
                machine.hart().pc(),
                machine.hart().isWaitingForInterrupt(),
                machine.hart().instret()));
      } catch (InterruptedException | ExecutionException e) {
        state.append("; sampling interrupted");
        break;
      }
    }
    return state.toString();
  }

  private static Uart16550 uart(PhysicalBus bus) {
    for (PhysicalBus.Region region : bus.regions()) {
      if (region.device() instanceof Uart16550 uart) {
        return uart;
      }
    }
    return null;
  }
}
