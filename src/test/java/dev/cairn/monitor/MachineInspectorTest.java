package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.CounterGuest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspecting commands on a real (tiny) machine, and the debug page walk on real tables. */
class MachineInspectorTest {

  @TempDir static Path guestDir;
  private static Path counter;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(guestDir);
  }

  private static Machine machine() throws Exception {
    return Machine.create(new MachineConfig(16L << 20, null, counter, null, "", List.of(), true,
        true));
  }

  private static String type(Monitor monitor, String line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MonitorSession session = monitor.newSession(out);
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    session.receive(bytes, 0, bytes.length);
    String printed = out.toString(StandardCharsets.UTF_8);
    return printed.substring(line.length() + 2, printed.length() - MonitorSession.PROMPT.length());
  }

  /** A target that is only a machine to look at. */
  private static MonitorTarget targetFor(Machine machine) {
    return new FakeTarget() {
      @Override
      public GuestInspector inspector() {
        return new MachineInspector(machine);
      }
    };
  }

  @Test
  void registersAndMemoryAreThoseOfTheMachine() throws Exception {
    try (Machine machine = machine(); Monitor monitor = new Monitor(targetFor(machine))) {
      machine.hart().setRegister(10, 0x1234_5678_9abcL);
      machine.ram().writeLong(0x8010_0000L, 0x1122_3344_5566_7788L);
      String regs = type(monitor, "info registers");
      assertTrue(regs.contains(" pc       0000000080000000\r\n"), regs);
      assertTrue(regs.contains(" x10/a0   0000123456789abc "), regs);
      assertEquals("0000000080100000: 0x55667788 0x11223344\r\n",
          type(monitor, "xp /2x 0x80100000"));
      assertEquals("0000000080100000: 0x55667788 0x11223344\r\n",
          type(monitor, "x /2x 0x80100000"), "M-mode addresses are physical");
      assertEquals("00000000800ffff8: 0x0000000000000000 0x1122334455667788\r\n",
          type(monitor, "xp /2g $a0-0x123456789abc+0x80100000-0x8"));
      String mtree = type(monitor, "info mtree");
      assertTrue(mtree.contains("    0000000010000000-00000000100000ff (prio 0, i/o): serial\r\n"),
          mtree);
      assertTrue(mtree.contains("    0000000080000000-0000000080ffffff (prio 0, ram): ram\r\n"),
          mtree);
      assertTrue(type(monitor, "info qtree").contains("      dev: virtio-rng-device, id \"\""));
      assertEquals("0000000090000000: Cannot access memory\r\n", type(monitor, "xp 0x90000000"));
    }
  }

  @Test
  void registersOfARunningMachineAreReadAtABatchBoundary() throws Exception {
    try (Machine machine = machine(); Monitor monitor = new Monitor(targetFor(machine))) {
      machine.start();
      String cpus = type(monitor, "info cpus");
      assertTrue(cpus.matches("\\* CPU #0: thread_id=\\d+\r\n"), cpus);
      assertTrue(type(monitor, "info registers").contains("CPU#0"));
    }
  }

  @Test
  void theDebugWalkFollowsSv39TablesAndSuperpages() {
    Map<Long, Long> memory = new java.util.HashMap<>();
    LongUnaryOperator read = a -> memory.getOrDefault(a, 0L);
    long root = 0x8100_0000L;
    long mid = 0x8100_1000L;
    long leafTable = 0x8100_2000L;
    long va = 0xffff_ffc0_0020_3123L; // VPN2 = 0x100, VPN1 = 1, VPN0 = 3
    memory.put(root + 0x100 * 8, ((mid >>> 12) << 10) | 1);
    memory.put(mid + 1 * 8, ((leafTable >>> 12) << 10) | 1);
    memory.put(leafTable + 3 * 8, ((0x8765_4000L >>> 12) << 10) | 0x3); // V|R
    long satp = (8L << 60) | (root >>> 12);
    assertEquals(0x8765_4123L, PageWalker.translate(satp, va, read));
    // A 2 MiB superpage at VPN1 = 2 maps va + 0x200000 straight.
    memory.put(mid + 2 * 8, ((0x8060_0000L >>> 12) << 10) | 0x3);
    assertEquals(0x8060_3123L, PageWalker.translate(satp, va + 0x20_0000L, read));
    assertEquals(-1, PageWalker.translate(satp, va + 0x40_0000L, read), "not mapped");
    assertEquals(-1, PageWalker.translate(satp, 0x0000_8000_0000_0000L, read), "not canonical");
    assertEquals(0x1234L, PageWalker.translate(0, 0x1234L, read), "bare mode");
  }
}
