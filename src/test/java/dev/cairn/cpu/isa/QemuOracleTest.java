package dev.cairn.cpu.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the ISA test programs themselves: each must pass on QEMU, the reference Cairn follows.
 */
class QemuOracleTest {

  static final String QEMU = "qemu-system-riscv64";
  static final String QEMU_PACKAGE = "qemu-system-misc";
  private static final long TIMEOUT_SECONDS = 60;

  static List<String> programs() {
    return RiscvToolchain.programs();
  }

  @ParameterizedTest(name = "{0} passes on QEMU")
  @MethodSource("programs")
  void programPassesOnQemu(String name) throws Exception {
    Path elf = RiscvToolchain.elf(name);
    List<String> command =
        List.of(
            QEMU,
            "-M",
            "virt",
            "-smp",
            "1",
            "-m",
            "128M",
            "-bios",
            "none",
            "-kernel",
            elf.toString(),
            "-nographic",
            "-monitor",
            "none");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          QEMU
              + " is needed to check the RISC-V ISA tests but could not be run ("
              + e.getMessage()
              + "); install the Debian package "
              + QEMU_PACKAGE,
          e);
    }
    process.getOutputStream().close();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "(output lost: " + e + ")";
              }
            });
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      fail(name + " timed out on QEMU after " + TIMEOUT_SECONDS + " s; output:\n" + output.get());
    }
    int status = process.exitValue();
    assertEquals(
        0,
        status,
        () ->
            name
                + " failed on QEMU with status "
                + status
                + " (the number of the failing check; 255 = unexpected trap); output:\n"
                + output.join());
  }
}
