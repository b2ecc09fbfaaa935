package dev.cairn.bench;

import dev.cairn.hw.chr.CharSink;
import dev.cairn.hw.display.DisplayListener;
import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.display.DisplayView;
import dev.cairn.hw.display.Rect;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.hw.input.QemuKeyNames;
import dev.cairn.machine.DisplayDevices;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Display benchmark (not a JUnit test). Boots the Debian guest twice, with and without
 * virtio-gpu, and reports the instruction rate of the same CPU-bound guest loop in both, then
 * (with the display) the rate while {@code yes} scrolls on tty1 with no viewer and with a viewer
 * that copies every frame, the frames per second that viewer received and what a frame cost.
 *
 * <p>Usage: {@code java -cp target/classes:target/test-classes:target/lib/*
 * dev.cairn.bench.DisplayBench FIRMWARE KERNEL INITRD [SECONDS_PER_PHASE]}. Prints {@code
 * DISPLAYBENCH} lines. MIPS is given per wall second and per second of vCPU-thread CPU time (the
 * latter is what a shared, busy host distorts least).
 */
public final class DisplayBench {

  private DisplayBench() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 3 ? Long.parseLong(args[3]) : 8;
    MachineConfig plain = new MachineConfig(MachineConfig.DEFAULT_RAM, Path.of(args[0]),
        Path.of(args[1]), Path.of(args[2]), "console=tty0 console=ttyS0", List.of(), false, false);
    try (Guest g = new Guest(plain)) {
      g.serial("yes > /dev/null &");
      report("no-display busy-loop", g.measure(seconds), null);
    }
    try (Guest g = new Guest(plain.withDisplay(DisplayDevices.DESKTOP))) {
      g.serial("yes > /dev/null &");
      report("display busy-loop", g.measure(seconds), null);
      g.serial("kill %1");
      g.typeOnTty1("yes\n");
      Thread.sleep(2000);
      report("display yes-on-tty1 no-viewer", g.measure(seconds), null);
      Viewer viewer = new Viewer(g.machine.display().orElseThrow());
      report("display yes-on-tty1 viewer", g.measure(seconds), viewer);
      viewer.close();
    }
  }

  private static void report(String phase, double[] m, Viewer viewer) {
    String extra = "";
    if (viewer != null) {
      double fps = viewer.frames.get() / m[2];
      double msPerFrame = viewer.copyNanos.get() / 1e6 / Math.max(1, viewer.frames.get());
      double pixelsPerFrame = (double) viewer.pixels.get() / Math.max(1, viewer.frames.get());
      extra = String.format(" frames=%d fps=%.1f copy_ms_per_frame=%.3f pixels_per_frame=%.0f",
          viewer.frames.get(), fps, msPerFrame, pixelsPerFrame);
    }
    System.out.printf("DISPLAYBENCH phase=\"%s\" seconds=%.1f mips_wall=%.1f mips_cpu=%.1f%s%n",
        phase, m[2], m[0], m[1], extra);
  }

  /** A renderer as a GUI would have one: woken by the surface, copies only what changed. */
  private static final class Viewer implements DisplayListener, AutoCloseable {
    final AtomicLong frames = new AtomicLong();
    final AtomicLong copyNanos = new AtomicLong();
    final AtomicLong pixels = new AtomicLong();
    private final Semaphore wake = new Semaphore(0);
    private final DisplayView view;
    private final Thread thread;
    private volatile boolean running = true;

    Viewer(DisplaySurface surface) {
      view = surface.subscribe(this);
      thread = new Thread(() -> render(surface), "bench-viewer");
      thread.setDaemon(true);
      thread.start();
    }

    private void render(DisplaySurface surface) {
      Rect bounds = surface.bounds();
      int[] frame = new int[bounds.width() * bounds.height()];
      while (running) {
        try {
          wake.acquire();
          wake.drainPermits();
        } catch (InterruptedException e) {
          return;
        }
        long t0 = System.nanoTime();
        Rect copied = view.copyDirty(frame, bounds.width(), bounds.height());
        if (copied == null) {
          bounds = surface.bounds();
          frame = new int[bounds.width() * bounds.height()];
          continue;
        }
        if (!copied.isEmpty()) {
          copyNanos.addAndGet(System.nanoTime() - t0);
          pixels.addAndGet((long) copied.width() * copied.height());
          frames.incrementAndGet();
        }
      }
    }

    @Override
    public void damaged() {
      wake.release();
    }

    @Override
    public void close() {
      running = false;
      view.close();
      thread.interrupt();
    }
  }

  /** One booted guest with a serial shell. */
  private static final class Guest implements AutoCloseable {
    final Machine machine;
    private final StringBuilder out = new StringBuilder();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile long vcpuThreadId = -1;

    Guest(MachineConfig config) throws Exception {
      machine = Machine.create(config);
      machine.setSerialSink(new CharSink() {
        @Override
        public void write(byte b) {
          vcpuThreadId = Thread.currentThread().getId();
          synchronized (out) {
            out.append((char) (b & 0xFF));
            out.notifyAll();
          }
        }
      });
      machine.start();
      await("~ # ", 900);
      Thread.sleep(3000); // let the tty1 shell start too
    }

    void await(String text, long timeoutSeconds) throws InterruptedException {
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      synchronized (out) {
        while (out.indexOf(text) < 0) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no '" + text + "' from the guest");
          }
          out.wait(1000);
        }
        out.setLength(0);
      }
    }

    void serial(String command) throws InterruptedException {
      machine.sendSerialInput((command + "\n").getBytes(StandardCharsets.US_ASCII));
      await("~ # ", 120);
    }

    void typeOnTty1(String text) throws InterruptedException {
      InputEvents input = machine.input();
      for (char c : text.toCharArray()) {
        List<Integer> keys = QemuKeyNames.parseCombo(QemuKeyNames.comboFor(c));
        keys.forEach(k -> input.key(k, true));
        Thread.sleep(10);
        for (int i = keys.size() - 1; i >= 0; i--) {
          input.key(keys.get(i), false);
        }
      }
    }

    /** [0] MIPS per wall second, [1] MIPS per vCPU CPU second, [2] wall seconds. */
    double[] measure(long seconds) throws InterruptedException {
      long i0 = machine.hart().instret();
      long c0 = threads.getThreadCpuTime(vcpuThreadId);
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000);
      long i1 = machine.hart().instret();
      long c1 = threads.getThreadCpuTime(vcpuThreadId);
      long t1 = System.nanoTime();
      double wall = (t1 - t0) / 1e9;
      return new double[] {(i1 - i0) / wall / 1e6, (i1 - i0) / ((c1 - c0) / 1e9) / 1e6, wall};
    }

    @Override
    public void close() {
      machine.close();
    }
  }
}
