package dev.cairn.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic bare-metal guest for restore tests: it walks a 64 KiB buffer, mixing a counter
 * into it (so it keeps dirtying memory), prints a letter every 65 536 iterations, and at the end
 * prints a checksum of everything it wrote and powers off. Built with Debian's cross gcc, like
 * the ISA programs.
 */
public final class CounterGuest {

  private static final String SOURCE = String.join("\n",
      "  .section .text.init",
      "  .globl _start",
      "_start:",
      "  li s0, 0",
      "  li s1, ITERATIONS",
      "  li s2, 0x80010000",
      "  li s3, 0",
      "  li s4, 0x10000000",
      "  li s5, 0x9E3779B97F4A7C15",
      "loop:",
      "  andi t0, s0, 0x7ff",
      "  slli t0, t0, 5",
      "  add t0, t0, s2",
      "  ld t1, 0(t0)",
      "  mul t3, s0, s5",
      "  xor t1, t1, t3",
      "  sd t1, 0(t0)",
      "  add s3, s3, t1",
      "  li t4, 0xffff",
      "  and t5, s0, t4",
      "  bnez t5, 1f",
      "  srli t6, s0, 16",
      "  andi t6, t6, 15",
      "  addi t6, t6, 'A'",
      "  sb t6, 0(s4)",
      "1:",
      "  addi s0, s0, 1",
      "  blt s0, s1, loop",
      "  li t0, 60",
      "2:",
      "  srl t1, s3, t0",
      "  andi t1, t1, 15",
      "  li t2, 10",
      "  blt t1, t2, 3f",
      "  addi t1, t1, 'a' - 10",
      "  j 4f",
      "3:",
      "  addi t1, t1, '0'",
      "4:",
      "  sb t1, 0(s4)",
      "  addi t0, t0, -4",
      "  bgez t0, 2b",
      "  li t1, 10",
      "  sb t1, 0(s4)",
      "  li t0, 0x100000",
      "  li t1, 0x5555",
      "  sw t1, 0(t0)",
      "5:",
      "  j 5b",
      "");

  private CounterGuest() {}

  /** Builds the program (2 million iterations) into {@code dir} and returns the ELF. */
  public static Path build(Path dir) throws IOException, InterruptedException {
    return build(dir, 2_000_000);
  }

  /**
   * Builds the program with the given number of iterations (about 17 instructions each) into
   * {@code dir} and returns the ELF.
   */
  public static Path build(Path dir, int iterations) throws IOException, InterruptedException {
    Path source = dir.resolve("counter-" + iterations + ".S");
    Path elf = dir.resolve("counter-" + iterations + ".elf");
    Files.writeString(source, SOURCE.replace("ITERATIONS", Integer.toString(iterations)));
    Process gcc = new ProcessBuilder(List.of("riscv64-linux-gnu-gcc", "-nostdlib",
            "-nostartfiles", "-static", "-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany",
            "-T", Path.of("src/test/riscv/link.ld").toAbsolutePath().toString(), "-o",
            elf.toString(), source.toString()))
        .redirectErrorStream(true)
        .start();
    String output = new String(gcc.getInputStream().readAllBytes());
    if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
      throw new IOException("riscv64-linux-gnu-gcc (Debian package gcc-riscv64-linux-gnu)"
          + " could not build the counter guest: " + output);
    }
    return elf;
  }
}
