package dev.cairn.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run states and exits of a machine running tiny bare-metal programs (QEMU's -bios none). */
class MachineLifecycleTest {

  @TempDir Path dir;

  private static final int LUI_T0_TEST_DEVICE = 0x001002b7; // lui t0, 0x100 (0x100000)
  private static final int LUI_T1_7 = 0x00007337; // lui t1, 0x7
  private static final int ADDI_T1_777 = 0x77730313; // addi t1, t1, 0x777  -> 0x7777 (reset)
  private static final int LUI_T1_5 = 0x00005337; // lui t1, 0x5
  private static final int ADDI_T1_555 = 0x55530313; // addi t1, t1, 0x555  -> 0x5555 (poweroff)
  private static final int SW_T1_T0 = 0x0062a023; // sw t1, 0(t0)
  private static final int SPIN = 0x0000006f; // j .

  /** Writes an ELF64 RISC-V executable with one segment at 0x8000_0000 holding {@code code}. */
  private Path elf(String name, int... code) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64 + 56 + code.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
    b.putShort((short) 2).putShort((short) 243).putInt(1);
    b.putLong(0x8000_0000L).putLong(64).putLong(0);
    b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1);
    b.putShort((short) 64).putShort((short) 0).putShort((short) 0);
    b.putInt(1).putInt(7).putLong(120).putLong(0x8000_0000L).putLong(0x8000_0000L);
    b.putLong(code.length * 4L).putLong(code.length * 4L).putLong(4096);
    for (int insn : code) {
      b.putInt(insn);
    }
    Path file = dir.resolve(name);
    Files.write(file, b.array());
    return file;
  }

  private static MachineConfig bare(Path program) {
    return new MachineConfig(16L << 20, null, program, null, "", List.of(), false, true);
  }

  @Test
  void aGuestPowerOffEndsTheMachineWithStatusZero() throws Exception {
    Path program = elf("poweroff.elf", LUI_T0_TEST_DEVICE, LUI_T1_5, ADDI_T1_555, SW_T1_T0, SPIN);
    try (Machine machine = Machine.create(bare(program))) {
      machine.start();
      assertEquals(0, machine.awaitShutdown());
      assertEquals(RunState.SHUTDOWN, machine.runState());
    }
  }

  @Test
  void withNoRebootAGuestResetEndsTheMachineInsteadOfRebooting() throws Exception {
    Path program = elf("reset.elf", LUI_T0_TEST_DEVICE, LUI_T1_7, ADDI_T1_777, SW_T1_T0, SPIN);
    try (Machine machine = Machine.create(bare(program))) {
      machine.setNoReboot(true);
      machine.start();
      assertEquals(0, machine.awaitShutdown());
    }
  }

  @Test
  void pauseStopsTheHartAndResumeContinuesIt() throws Exception {
    Path program = elf("spin.elf", SPIN);
    try (Machine machine = Machine.create(bare(program))) {
      machine.start();
      while (machine.hart().instret() == 0) {
        Thread.onSpinWait();
      }
      machine.pause();
      assertEquals(RunState.PAUSED, machine.runState());
      long stoppedAt = machine.hart().instret();
      Thread.sleep(50);
      assertEquals(stoppedAt, machine.hart().instret(), "a paused hart retires nothing");

      machine.resume();
      assertEquals(RunState.RUNNING, machine.runState());
      while (machine.hart().instret() == stoppedAt) {
        Thread.onSpinWait();
      }
      machine.powerOff();
      assertEquals(0, machine.awaitShutdown());
    }
  }

  @Test
  void aKernelThatDoesNotFitInRamIsRefusedWithTheSizes() throws Exception {
    Path image = dir.resolve("Image");
    ByteBuffer header = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(16, 64L << 20); // image_size: 64 MiB
    header.putInt(0x38, 0x05435352); // "RSC\x05"
    Files.write(image, header.array());
    MachineConfig config = new MachineConfig(32L << 20, null, image, null, "", List.of(), false,
        false);

    MachineConfigException e =
        assertThrows(MachineConfigException.class, () -> Machine.create(config));
    assertTrue(e.getMessage().contains("RAM of 32 MiB is too small"), e.getMessage());
  }
}
