package dev.cairn.migration;

import dev.cairn.hw.fdt.VirtDeviceTree;
import dev.cairn.machine.Machine;
import dev.cairn.memory.GuestRam;
import dev.cairn.migration.stream.MachineShape;
import dev.cairn.migration.stream.StreamLoader;
import dev.cairn.migration.stream.StreamWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the stream code ready, on a background thread, before a user's first snapshot or migration
 * needs it: writes an empty stream of the machine's shape (loading and initialising the stream and
 * state-description classes cost 0.3 to 1 s on a busy host, measured), and, once per process, runs
 * the RAM half of savevm and loadvm a few times on a small scratch RAM so that the JIT has
 * compiled the page loops.
 *
 * <p>Why the second: the page loops run once per guest page. Interpreted, and while the JIT compiles them
 * with the host's other core, the first savevm of a 512 MiB guest in a JVM took about twice as
 * long as the next ones; QEMU's code is compiled ahead of time and has no such first time. The
 * warm-up costs a fraction of a CPU-second once per process, while the guest boots.
 *
 * <p>It writes and reads the same stream classes through the same stream types as a snapshot file
 * (buffered streams), so the profiles the JIT gathers here are those of the real use.
 */
public final class StreamWarmup {

  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final long RAM_BASE = 0x8000_0000L;
  private static final int RAM_BYTES = 4 << 20;
  private static final int ROUNDS = 12;

  private StreamWarmup() {}

  /**
   * Starts the warm-up for {@code machine} on a daemon thread. Errors are ignored: it is only a
   * warm-up, and a real save meets and reports whatever went wrong here.
   */
  public static void startInBackground(Machine machine) {
    boolean first = STARTED.compareAndSet(false, true);
    Thread thread = new Thread(() -> {
      try {
        writeEmptyStream(machine);
        if (first) {
          run();
        }
      } catch (IOException | RuntimeException e) {
        // see above
      }
    }, "cairn-stream-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void writeEmptyStream(Machine machine) throws IOException {
    StreamWriter writer = new StreamWriter(OutputStream.nullOutputStream());
    writer.writeHeader();
    writer.beginConfiguration(VmStateStream.shapeOf(machine));
    writer.finish();
  }

  /** Saves and loads a scratch RAM {@link #ROUNDS} times; returns the stream size of one save. */
  static int run() {
    try {
      GuestRam source = scratchRam();
      MachineShape shape = new MachineShape(
          "virt", VirtDeviceTree.ISA, 1, RAM_BASE, RAM_BYTES, List.of());
      byte[] stream = new byte[0];
      for (int round = 0; round < ROUNDS; round++) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(RAM_BYTES + (1 << 20));
        try (BufferedOutputStream out = new BufferedOutputStream(bytes, 1 << 20)) {
          StreamWriter writer = new StreamWriter(out);
          writer.writeHeader();
          writer.beginConfiguration(shape);
          VmStateStream.writeRam(source, writer);
          writer.finish();
        }
        stream = bytes.toByteArray();
        byte[] saved = stream;
        GuestRam target = new GuestRam(RAM_BASE, RAM_BYTES);
        StreamLoader loader = new StreamLoader(VmStateStream.ramOnlyRegistry(target), shape);
        VmStateStream.checkThenApply(loader,
            () -> new BufferedInputStream(new ByteArrayInputStream(saved), 1 << 20));
        checkSameContents(source, target);
      }
      return stream.length;
    } catch (IOException e) {
      throw new UncheckedIOException("the stream warm-up failed, which a real save would too", e);
    }
  }

  /** The warm-up doubles as a self-test of the RAM round trip: a difference is a bug. */
  private static void checkSameContents(GuestRam source, GuestRam target) {
    for (int page = 0; page < source.pageCount(); page++) {
      if (!Arrays.equals(source.pageForRead(page), target.pageForRead(page))) {
        throw new IllegalStateException("RAM page " + page + " differs after a save and a load");
      }
    }
  }

  /** Half the pages hold data, a quarter were written with zeros, a quarter were never written. */
  private static GuestRam scratchRam() {
    GuestRam ram = new GuestRam(RAM_BASE, RAM_BYTES);
    byte[] data = new byte[GuestRam.PAGE_SIZE];
    for (int page = 0; page < RAM_BYTES / GuestRam.PAGE_SIZE; page++) {
      long address = RAM_BASE + (long) page * GuestRam.PAGE_SIZE;
      switch (page & 3) {
        case 0, 1 -> {
          data[page & 0xFFF] = (byte) (page | 1);
          ram.write(address, data, 0, data.length);
        }
        case 2 -> ram.writeLong(address, 0);
        default -> {}
      }
    }
    return ram;
  }
}
