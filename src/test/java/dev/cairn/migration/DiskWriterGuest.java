package dev.cairn.migration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bare-metal guest that keeps writing sectors of its virtio-blk disk, spread over the first
 * 4 MiB, and prints a letter every 64 writes ({@code src/test/riscv/disk-writer.c}): a disk that
 * changes all through a storage migration. Built with Debian's cross gcc, like
 * {@link CounterGuest}.
 */
public final class DiskWriterGuest {

  private DiskWriterGuest() {}

  /** Builds the program into {@code dir} and returns the ELF. */
  public static Path build(Path dir) throws IOException, InterruptedException {
    Path elf = dir.resolve("disk-writer.elf");
    Process gcc = new ProcessBuilder(List.of("riscv64-linux-gnu-gcc", "-O2", "-fno-pic",
            "-ffreestanding", "-nostdlib", "-nostartfiles", "-static", "-march=rv64gc",
            "-mabi=lp64d", "-mcmodel=medany", "-T",
            Path.of("src/test/riscv/link.ld").toAbsolutePath().toString(), "-o", elf.toString(),
            Path.of("src/test/riscv/disk-writer.c").toAbsolutePath().toString()))
        .redirectErrorStream(true)
        .start();
    String output = new String(gcc.getInputStream().readAllBytes());
    if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
      throw new IOException("riscv64-linux-gnu-gcc (Debian package gcc-riscv64-linux-gnu)"
          + " could not build the disk writer guest: " + output);
    }
    return elf;
  }
}
