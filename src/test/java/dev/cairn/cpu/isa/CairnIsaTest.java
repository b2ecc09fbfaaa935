package dev.cairn.cpu.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the ISA test programs (proven by {@link QemuOracleTest}) on Cairn, booted like QEMU's
 * {@code -M virt -m 128M -bios none -kernel X.elf}: exit status 0 is PASS, n names the failing
 * check.
 */
class CairnIsaTest {

  /** A generous guard against a hung hart; the programs finish in well under a second on QEMU. */
  private static final long TIMEOUT_SECONDS = 60;

  /**
   * How the hart runs the program: interpreted only, or with every block compiled to bytecode the
   * first time it runs (so the translator sees all of each program, not only its hot loops).
   */
  enum Mode {
    INTERPRETED("false", "200"),
    COMPILED_AT_ONCE("true", "1");

    final String jit;
    final String threshold;

    Mode(String jit, String threshold) {
      this.jit = jit;
      this.threshold = threshold;
    }
  }

  static Stream<Arguments> programs() {
    return RiscvToolchain.programs().stream()
        .flatMap(name -> Stream.of(Mode.values()).map(mode -> Arguments.of(name, mode)));
  }

  @ParameterizedTest(name = "{0} passes on Cairn, {1}")
  @MethodSource("programs")
  void programPassesOnCairn(String name, Mode mode) throws Exception {
    Run run = run(name, mode);
    assertEquals(
        0,
        run.status(),
        () ->
            name
                + " failed on Cairn with status "
                + run.status()
                + " (the number of the failing check; 255 = unexpected trap); output:\n"
                + run.output());
  }

  /**
   * Compiled blocks keep pc, instret and batch ends exactly as the interpreter does, so with the
   * deterministic clock a program retires the same number of instructions both ways, timer
   * interrupts and traps included.
   */
  @ParameterizedTest(name = "{0} retires as many instructions compiled as interpreted")
  @MethodSource("dev.cairn.cpu.isa.RiscvToolchain#programs")
  void compiledBlocksRetireExactlyAsTheInterpreter(String name) throws Exception {
    Run interpreted = run(name, Mode.INTERPRETED);
    Run compiled = run(name, Mode.COMPILED_AT_ONCE);
    assertEquals(0, interpreted.status(), interpreted::output);
    assertEquals(0, compiled.status(), compiled::output);
    assertEquals(interpreted.instret(), compiled.instret(), name + ": instructions retired");
  }

  private record Run(int status, String output, long instret) {}

  private static Run run(String name, Mode mode) throws Exception {
    Path elf = RiscvToolchain.elf(name);
    MachineConfig config =
        new MachineConfig(128L << 20, null, elf, null, "", List.of(), false, true);
    ByteArrayOutputStream serial = new ByteArrayOutputStream();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "isa-watchdog-" + name);
              t.setDaemon(true);
              return t;
            });
    try (Machine machine = createIn(mode, config)) {
      machine.setSerialSink(
          b -> {
            synchronized (serial) {
              serial.write(b);
            }
          });
      ScheduledFuture<?> guard =
          watchdog.schedule(
              () -> {
                timedOut.set(true);
                machine.powerOff();
              },
              TIMEOUT_SECONDS,
              TimeUnit.SECONDS);
      machine.start();
      int status = machine.awaitShutdown();
      guard.cancel(false);
      String output;
      synchronized (serial) {
        output = serial.toString(StandardCharsets.UTF_8);
      }
      assertFalse(
          timedOut.get(),
          () -> name + " timed out on Cairn after " + TIMEOUT_SECONDS + " s; output:\n" + output);
      return new Run(status, output, machine.hart().instret());
    } finally {
      watchdog.shutdownNow();
    }
  }

  /** Creates the machine with the hart's translator set up for {@code mode} (read at creation). */
  private static Machine createIn(Mode mode, MachineConfig config) throws Exception {
    String jit = System.getProperty("cairn.jit");
    String threshold = System.getProperty("cairn.jit.threshold");
    System.setProperty("cairn.jit", mode.jit);
    System.setProperty("cairn.jit.threshold", mode.threshold);
    try {
      return Machine.create(config);
    } finally {
      restore("cairn.jit", jit);
      restore("cairn.jit.threshold", threshold);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
