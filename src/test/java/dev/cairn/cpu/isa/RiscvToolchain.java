package dev.cairn.cpu.isa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the bare-metal ISA test programs in {@code src/test/riscv} with the Debian RISC-V cross
 * compiler into {@code target/riscv-tests/NAME.elf}, rebuilding a program only when its source,
 * the shared header or the linker script is newer than the ELF.
 */
final class RiscvToolchain {

  static final String GCC = "riscv64-linux-gnu-gcc";
  static final String GCC_PACKAGE = "gcc-riscv64-linux-gnu";

  static final Path SOURCE_DIR = Paths.get("src", "test", "riscv");
  static final Path OUTPUT_DIR = Paths.get("target", "riscv-tests");

  private static final long COMPILE_TIMEOUT_SECONDS = 120;

  private RiscvToolchain() {}

  /** The test program names (the {@code .S} files without extension), sorted. */
  static List<String> programs() {
    try (Stream<Path> files = Files.list(SOURCE_DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".S"))
          .map(n -> n.substring(0, n.length() - 2))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + SOURCE_DIR.toAbsolutePath(), e);
    }
  }

  /** Returns the ELF of the named program, compiling it first if it is missing or stale. */
  static synchronized Path elf(String name) throws IOException, InterruptedException {
    Path source = SOURCE_DIR.resolve(name + ".S");
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException("no test program " + source.toAbsolutePath());
    }
    Files.createDirectories(OUTPUT_DIR);
    Path elf = OUTPUT_DIR.resolve(name + ".elf");
    if (isFresh(elf, source)) {
      return elf;
    }
    List<String> command = new ArrayList<>();
    command.add(GCC);
    command.addAll(
        List.of(
            "-nostdlib",
            "-nostartfiles",
            "-static",
            "-march=rv64gc",
            "-mabi=lp64d",
            "-mcmodel=medany",
            "-Wl,--build-id=none",
            "-T",
            SOURCE_DIR.resolve("link.ld").toString(),
            "-I",
            SOURCE_DIR.toString(),
            "-o",
            elf.toString(),
            source.toString()));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          GCC
              + " is needed to build the RISC-V ISA tests but could not be run ("
              + e.getMessage()
              + "); install the Debian package "
              + GCC_PACKAGE,
          e);
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(GCC + " timed out building " + source);
    }
    if (process.exitValue() != 0) {
      Files.deleteIfExists(elf);
      throw new IllegalStateException(
          "building "
              + source
              + " failed (exit "
              + process.exitValue()
              + "):\n"
              + new String(output, StandardCharsets.UTF_8));
    }
    return elf;
  }

  private static boolean isFresh(Path elf, Path source) throws IOException {
    if (!Files.isRegularFile(elf)) {
      return false;
    }
    FileTime built = Files.getLastModifiedTime(elf);
    try (Stream<Path> inputs = Files.list(SOURCE_DIR)) {
      for (Path input : (Iterable<Path>) inputs::iterator) {
        String n = input.getFileName().toString();
        boolean shared = n.endsWith(".h") || n.endsWith(".ld");
        if ((shared || input.equals(source))
            && Files.getLastModifiedTime(input).compareTo(built) > 0) {
          return false;
        }
      }
    }
    return true;
  }
}
