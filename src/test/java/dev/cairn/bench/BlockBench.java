package dev.cairn.bench;

import dev.cairn.block.qcow2.Qcow2Create;
import dev.cairn.block.qcow2.Qcow2Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Host-side figures of Cairn's qcow2 driver: sequential 1 MiB and random 4 KiB throughput, and
 * internal snapshot create / apply / delete on a 10 GiB image with 2 GiB written. A benchmark
 * tool, not a test; src/bench/block-benchmark.sh runs it beside {@code qemu-img bench} and
 * {@code qemu-img snapshot} on the same kind of file.
 *
 * <pre>
 * mvn -q -B -o test-compile
 * java -cp "target/classes:target/test-classes:target/lib/*" dev.cairn.bench.BlockBench DIR [GiB]
 * </pre>
 *
 * <p>Prints human-readable lines and one {@code BLOCKBENCH key=value ...} line. Numbers include
 * the host page cache (no O_DIRECT from Java), as {@code qemu-img bench} without {@code -n} does.
 */
public final class BlockBench {

  private static final long MIB = 1 << 20;

  private BlockBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    long written = (args.length > 1 ? Long.parseLong(args[1]) : 2) << 30;
    Path file = dir.resolve("cairn-blockbench.qcow2");
    Files.deleteIfExists(file);
    Qcow2Create.create(file, Qcow2Create.Options.of(10L << 30));
    StringBuilder line = new StringBuilder("BLOCKBENCH");
    try (Qcow2Image img = Qcow2Image.open(file, false)) {
      byte[] chunk = new byte[(int) MIB];
      new Random(1).nextBytes(chunk);
      long t0 = System.nanoTime();
      for (long off = 0; off < written; off += MIB) {
        chunk[0] = (byte) off;
        img.write(off, chunk, 0, chunk.length);
      }
      img.flush();
      double seqWrite = mbps(written, t0);
      t0 = System.nanoTime();
      for (long off = 0; off < written; off += MIB) {
        img.read(off, chunk, 0, chunk.length);
      }
      double seqRead = mbps(written, t0);
      Random r = new Random(2);
      byte[] small = new byte[4096];
      int ops = 50_000;
      t0 = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        img.write((r.nextLong() & Long.MAX_VALUE) % (written / 4096) * 4096, small, 0, 4096);
      }
      img.flush();
      double randWrite = mbps(ops * 4096L, t0);
      t0 = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        img.read((r.nextLong() & Long.MAX_VALUE) % (written / 4096) * 4096, small, 0, 4096);
      }
      double randRead = mbps(ops * 4096L, t0);
      t0 = System.nanoTime();
      img.createSnapshot("bench", 0);
      img.flush();
      double create = millis(t0);
      // Rewrite 64 MiB so apply has copies to drop.
      for (long off = 0; off < 64 * MIB; off += MIB) {
        img.write(off, chunk, 0, chunk.length);
      }
      t0 = System.nanoTime();
      img.applySnapshot("bench");
      img.flush();
      double apply = millis(t0);
      t0 = System.nanoTime();
      img.deleteSnapshot("bench");
      img.flush();
      double delete = millis(t0);
      System.out.printf("qcow2 driver, 10 GiB image, %d MiB written%n", written / MIB);
      System.out.printf("  sequential 1 MiB write %8.1f MB/s   read %8.1f MB/s%n", seqWrite,
          seqRead);
      System.out.printf("  random 4 KiB write     %8.1f MB/s   read %8.1f MB/s%n", randWrite,
          randRead);
      System.out.printf("  snapshot create %.1f ms, apply %.1f ms, delete %.1f ms%n", create,
          apply, delete);
      line.append(String.format(" seq_write_mbps=%.1f seq_read_mbps=%.1f rand_write_mbps=%.1f"
          + " rand_read_mbps=%.1f snap_create_ms=%.1f snap_apply_ms=%.1f snap_delete_ms=%.1f",
          seqWrite, seqRead, randWrite, randRead, create, apply, delete));
    }
    System.out.println(line);
    Files.deleteIfExists(file);
  }

  private static double mbps(long bytes, long t0) {
    return bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
  }

  private static double millis(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }
}
