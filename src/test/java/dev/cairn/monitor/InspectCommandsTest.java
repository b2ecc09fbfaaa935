package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** info registers|cpus|mtree|qtree|migrate_capabilities, x, xp and commit, in QEMU's shapes. */
class InspectCommandsTest {

  private final TypedSession typed = new TypedSession();

  @BeforeEach
  void giveTheVmAGuest() {
    typed.target.inspector = new FakeInspector();
  }

  private String type(String line) {
    return typed.type(line);
  }

  @Test
  void xpDumpsWordsInHexLikeQemu() {
    assertEquals("0000000080000000: 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c\r\n",
        type("xp /4xw 0x80000000"));
    assertEquals("0000000080000000: 0x0706050403020100 0x0f0e0d0c0b0a0908\r\n",
        type("xp /2xg 0x80000000"));
  }

  @Test
  void aDumpWrapsAfterSixteenBytesAndDefaultsToOneHexWord() {
    assertEquals("0000000080000000: 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c\r\n"
        + "0000000080000010: 0x13121110\r\n", type("xp /5x 0x80000000"));
    assertEquals("0000000080000004: 0x07060504\r\n", type("xp 0x80000004"));
  }

  @Test
  void signedUnsignedOctalAndCharFormats() {
    assertEquals("00000000800000fe:  -2  -1   0\r\n", type("xp /3db 0x800000fe"));
    assertEquals("00000000800000fe: 254 255\r\n", type("xp /2ub 0x800000fe"));
    assertEquals("0000000080000008:  04410\r\n", type("xp /oh 0x80000008"));
    assertEquals("0000000080000041: 'A' 'B' 'C' 'D'\r\n", type("xp /4c 0x80000041"));
    assertEquals("0000000080000008: '\\x08' '\\x09' '\\n' '\\x0b'\r\n", type("xp /4c 0x80000008"));
  }

  @Test
  void charactersWrapAfterEightPerLine() {
    String text = type("xp /10c 0x80000030");
    assertEquals("0000000080000030: '0' '1' '2' '3' '4' '5' '6' '7'\r\n"
        + "0000000080000038: '8' '9'\r\n", text);
  }

  @Test
  void xTranslatesVirtualAddresses() {
    assertEquals("ffffffff00000000: 0x03020100 0x07060504\r\n", type("x /2x 0xffffffff00000000"));
    assertEquals("0000000000001000: Cannot access memory\r\n", type("x /2x 0x1000"));
  }

  @Test
  void memoryThatIsNotRamCannotBeAccessed() {
    assertEquals("0000000090000000: Cannot access memory\r\n", type("xp /x 0x90000000"));
  }

  @Test
  void addressesMayNameRegistersAndAddOffsets() {
    assertEquals("0000000080000010: 0x1110 0x1312\r\n", type("xp /2xh $pc"));
    assertEquals("0000000080000020: 0x23222120\r\n", type("xp $pc+0x10"));
    assertEquals("Error: xp: unknown register '$nope'\r\n", type("xp $nope"));
  }

  @Test
  void badFormatsAndHugeCountsAreRefused() {
    assertEquals("Error: invalid char in format: 'z'\r\n", type("xp /z 0x80000000"));
    assertEquals("Error: xp: at most 65536 bytes can be dumped at a time\r\n",
        type("xp /99999999999g 0x80000000"));
    assertEquals("Error: xp: 'zz' is not a number for 'addr'\r\n", type("xp zz"));
    assertEquals("Error: xp: missing argument 'addr'\r\n", type("xp /4x"));
  }

  @Test
  void infoRegistersPrintsQemusLayout() {
    String text = type("info registers");
    assertTrue(text.startsWith("\r\nCPU#0\r\n pc       0000000080000010\r\n"
        + " mhartid  0000000000000000\r\n mstatus  0000000a000000a0\r\n"), text);
    assertTrue(text.contains("\r\n x0/zero  0000000000000000 x1/ra    0000000000001000"
        + " x2/sp    0000000000002000 x3/gp    0000000000003000\r\n"), text);
    assertTrue(text.contains(" f28/ft8  3ff000000000001c f29/ft9  3ff000000000001d"
        + " f30/ft10 3ff000000000001e f31/ft11 3ff000000000001f\r\n"), text);
    assertEquals(2 + 1 + 3 + 8 + 8, text.split("\r\n").length, text);
  }

  @Test
  void infoCpusNamesTheVcpuThread() {
    assertEquals("* CPU #0: thread_id=42\r\n", type("info cpus"));
  }

  @Test
  void infoMtreeListsEveryRegionWithInclusiveEnds() {
    String text = type("info mtree");
    assertTrue(text.startsWith("address-space: cpu-memory-0\r\naddress-space: memory\r\n"
        + "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\r\n"
        + "    0000000000100000-0000000000100fff (prio 0, i/o): test\r\n"), text);
    assertTrue(text.contains(
        "    0000000080000000-000000008000ffff (prio 0, ram): ram\r\n"), text);
    assertTrue(text.contains("\r\nmemory-region: system\r\n"), text);
  }

  @Test
  void infoQtreeShowsVirtioDevicesOnTheirTransportBus() {
    String text = type("info qtree");
    assertTrue(text.startsWith("bus: main-system-bus\r\n  type System\r\n"), text);
    assertTrue(text.contains("  dev: virtio-mmio, id \"\"\r\n"
        + "    mmio 0000000010001000/0000000000001000\r\n"
        + "    bus: virtio-mmio-bus.0\r\n      type virtio-mmio-bus\r\n"
        + "      dev: virtio-rng-device, id \"\"\r\n"), text);
    assertTrue(text.contains("    bus: virtio-mmio-bus.1\r\n      type virtio-mmio-bus\r\n"), text);
  }

  @Test
  void infoMigrateCapabilitiesMatchesQemusListWithEverythingOff() {
    String text = type("info migrate_capabilities");
    assertTrue(text.startsWith("xbzrle: off\r\nrdma-pin-all: off\r\nauto-converge: off\r\n"), text);
    assertTrue(text.endsWith("zero-copy-send: off\r\npostcopy-preempt: off\r\n"), text);
    assertEquals(21, text.split("\r\n").length);
  }

  @Test
  void commitAnswersAsQemuDoesForDisksWithoutBackingFiles() {
    typed.target.drives.add("virtio0");
    assertEquals("", type("commit all"));
    assertEquals("'commit' error for 'virtio0': Operation not supported\r\n",
        type("commit virtio0"));
    assertEquals("Device 'virtio9' not found\r\n", type("commit virtio9"));
    assertEquals("Error: commit: missing argument 'device'\r\n", type("commit"));
  }

  @Test
  void aVmWithoutAMachineSaysSo() {
    typed.target.inspector = null;
    assertEquals("Error: this VM cannot be inspected\r\n", type("info registers"));
  }
}
