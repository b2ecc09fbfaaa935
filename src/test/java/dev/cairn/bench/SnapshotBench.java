package dev.cairn.bench;

import dev.cairn.guest.CancelToken;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.VmStateStream;
import dev.cairn.migration.live.LiveSave;
import dev.cairn.migration.live.SaveProgress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Snapshot figures on the booted Debian guest (idle at its shell): stop-the-world save to a
 * file, load into a fresh machine, and a live checkpoint (total time and final pause). A
 * benchmark tool, not a test:
 *
 * <pre>
 * mvn -q -B -o test-compile
 * java -cp "target/classes:target/test-classes:target/lib/*" dev.cairn.bench.SnapshotBench [MiB]
 * </pre>
 */
public final class SnapshotBench {

  private SnapshotBench() {}

  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 512;
    GuestImages images = DebianRecipe.create().build((phase, done, total) -> {}, CancelToken.none());
    MachineConfig config = new MachineConfig(mib << 20, images.firmware(), images.kernel(),
        images.initrd(), "console=ttyS0", List.of(), false, false);
    Path file = Files.createTempFile("cairn-bench", ".cvm");
    try (Machine machine = Machine.create(config)) {
      StringBuffer out = new StringBuffer();
      machine.setSerialSink(b -> out.append((char) b));
      machine.start();
      while (out.indexOf("~ # ") < 0) {
        Thread.sleep(100);
      }
      Thread.sleep(1000);

      long t0 = System.nanoTime();
      machine.pause();
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
        VmStateStream.save(machine, os);
      }
      long saveMillis = (System.nanoTime() - t0) / 1_000_000;
      machine.resume();
      System.out.printf("%d MiB guest: savevm (stop-the-world) %d ms, %d bytes (%d present"
          + " pages)%n", mib, saveMillis, Files.size(file), machine.ram().presentPages());

      Path live = Files.createTempFile("cairn-bench-live", ".cvm");
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(live), 1 << 20)) {
        LiveSave save = new LiveSave(machine, os, 300, LiveSave.AfterSave.RESUME);
        SaveProgress p = save.start().get(300, TimeUnit.SECONDS);
        System.out.printf("live checkpoint: total %d ms, final pause %d ms, %d passes,"
            + " %d normal + %d zero pages, %d bytes%n", p.totalMillis(), p.downtimeMillis(),
            p.pass(), p.normalPages(), p.zeroPages(), p.transferredBytes());
      }
      Files.delete(live);
      machine.powerOff();
    }
    try (Machine fresh = Machine.create(config)) {
      long t0 = System.nanoTime();
      try (InputStream is = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
        VmStateStream.load(fresh, is);
      }
      System.out.printf("loadvm into a fresh machine: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }
    Files.delete(file);
  }
}
