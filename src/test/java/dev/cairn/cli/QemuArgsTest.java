package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.machine.DriveConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QemuArgsTest {

  private static RunSpec parse(String... args) throws CliException {
    return QemuArgs.parse(List.of(args));
  }

  private static String rejection(String... args) {
    return assertThrows(CliException.class, () -> parse(args)).getMessage();
  }

  @ParameterizedTest
  @CsvSource({
    "512, 536870912",
    "512M, 536870912",
    "512m, 536870912",
    "2G, 2147483648",
    "1.5G, 1610612736",
    "65536K, 67108864",
    "size=1G, 1073741824",
    "16G, 17179869184",
    "1000B, 4096"
  })
  void ramSizesReadLikeQemuWithPlainNumbersInMebibytes(String text, long bytes)
      throws CliException {
    assertEquals(bytes, parse("-m", text).ramSize);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "12X", "", "1.5", "-5", "G", "0"})
  void badRamSizesAreRefusedNamingTheText(String text) {
    String message = rejection("-m", text);
    assertTrue(message.startsWith("-m " + text + ": "), message);
  }

  @Test
  void driveReadsKeyValuePairs() throws CliException {
    RunSpec spec = parse("-drive", "file=/tmp/a.qcow2,format=qcow2,if=virtio,readonly=on");
    assertEquals(List.of(new DriveConfig(Path.of("/tmp/a.qcow2"), "qcow2", true)), spec.drives);
  }

  @Test
  void driveUnescapesDoubledCommasInValues() throws CliException {
    RunSpec spec = parse("-drive", "file=/tmp/a,,b,,c.img,format=raw");
    assertEquals(Path.of("/tmp/a,b,c.img"), spec.drives.get(0).file());
    assertFalse(spec.drives.get(0).readOnly());
  }

  @Test
  void drivesAreKeptInOrderAndFormatMayBeLeftToProbing() throws CliException {
    RunSpec spec = parse("-drive", "file=one.img", "-drive", "file=two.img,read-only=on");
    assertEquals(Path.of("one.img"), spec.drives.get(0).file());
    assertNull(spec.drives.get(0).format());
    assertTrue(spec.drives.get(1).readOnly());
  }

  @Test
  void driveRefusesUnknownKeysFormatsAndInterfaces() {
    assertEquals(
        "-drive file=a,foo=1: invalid parameter 'foo'", rejection("-drive", "file=a,foo=1"));
    assertTrue(rejection("-drive", "file=a,format=vmdk").contains("'vmdk'"));
    assertTrue(rejection("-drive", "file=a,if=ide").contains("'ide'"));
    assertTrue(rejection("-drive", "format=raw").contains("file=PATH"));
  }

  @Test
  void qemuOptsReadsImpliedKeysFlagsAndNoFlags() throws CliException {
    assertEquals(
        Map.of("address", "127.0.0.1:4444", "server", "on", "wait", "off"),
        QemuOpts.parse("-monitor", "127.0.0.1:4444,server,nowait", "address"));
  }

  @Test
  void unknownFlagIsRejectedNamingIt() {
    assertEquals("-foo: invalid option", rejection("-m", "256", "-foo"));
    assertEquals("--bar: invalid option", rejection("--bar"));
  }

  @Test
  void bareWordsAreRejected() {
    assertTrue(rejection("disk.img").startsWith("disk.img: unexpected argument"));
  }

  @Test
  void aFlagWithoutItsArgumentIsRejected() {
    assertEquals("-kernel: requires an argument", rejection("-kernel"));
  }

  @Test
  void doubleDashSpellingsWorkAsInQemu() throws CliException {
    RunSpec spec = parse("--kernel", "Image", "--m", "1G", "--nographic");
    assertEquals(Path.of("Image"), spec.kernel);
    assertEquals(1L << 30, spec.ramSize);
    assertTrue(spec.nographic);
  }

  @Test
  void moreThanOneHartIsRejected() throws CliException {
    assertTrue(rejection("-smp", "2").contains("-smp 1"));
    assertTrue(rejection("-smp", "cpus=1,cores=4").contains("-smp 1"));
    parse("-smp", "1");
    parse("-smp", "cpus=1,sockets=1");
  }

  @Test
  void onlyTheVirtMachineIsAccepted() throws CliException {
    parse("-M", "virt");
    parse("-machine", "virt");
    parse("-machine", "type=virt");
    assertTrue(rejection("-M", "foo").contains("'foo'"));
    assertTrue(rejection("-machine", "sifive_u").contains("'sifive_u'"));
  }

  @Test
  void icountShiftZeroMeansTheDeterministicClock() throws CliException {
    assertTrue(parse("-icount", "shift=0,sleep=off").deterministicClock);
    assertTrue(parse("-icount", "0").deterministicClock);
    assertFalse(parse().deterministicClock);
    assertTrue(rejection("-icount", "shift=auto").contains("shift=0"));
  }

  @Test
  void biosTakesAFileNoneOrDefault() throws CliException {
    assertEquals(RunSpec.BiosMode.NONE, parse("-bios", "none").biosMode);
    assertEquals(RunSpec.BiosMode.DEFAULT, parse("-bios", "default").biosMode);
    assertEquals(RunSpec.BiosMode.DEFAULT, parse().biosMode);
    RunSpec spec = parse("-bios", "fw_dynamic.bin");
    assertEquals(RunSpec.BiosMode.FILE, spec.biosMode);
    assertEquals(Path.of("fw_dynamic.bin"), spec.bios);
  }

  @Test
  void rngDeviceIsAcceptedAndOthersAreNot() throws CliException {
    assertTrue(parse("-device", "virtio-rng-device").virtioRng);
    assertTrue(rejection("-device", "e1000").contains("'e1000'"));
  }

  @Test
  void flagsWithoutArgumentsAreRecorded() throws CliException {
    RunSpec spec = parse("-S", "-no-reboot", "-display", "none");
    assertTrue(spec.startPaused);
    assertTrue(spec.noReboot);
    assertTrue(rejection("-display", "gtk").contains("-display gtk"));
  }

  @Test
  void nographicPutsTheMonitorOnStdioWithTheSerialPort() throws CliException {
    RunSpec spec = parse("-nographic");
    assertEquals(Chardev.Kind.STDIO, spec.effectiveSerial().kind());
    assertEquals(List.of(Chardev.STDIO), spec.effectiveMonitors());
    assertEquals(List.of(), parse().effectiveMonitors());
    assertEquals(1, parse("-serial", "mon:stdio").effectiveMonitors().size());
    assertEquals(
        Chardev.Kind.TCP,
        parse("-nographic", "-monitor", "tcp:127.0.0.1:4444,server,nowait")
            .effectiveMonitors()
            .get(0)
            .kind());
  }

  @Test
  void qmpAndSeveralMonitorsAreRepeatableSocketServers() throws CliException {
    RunSpec spec = parse("-qmp", "unix:/tmp/q.sock,server,nowait",
        "-qmp", "tcp:127.0.0.1:4445,server,nowait",
        "-monitor", "unix:/tmp/m.sock,server,nowait", "-monitor", "tcp::4444,server,nowait");
    assertEquals(2, spec.qmps.size());
    assertEquals(Chardev.Kind.UNIX, spec.qmps.get(0).kind());
    assertEquals(4445, spec.qmps.get(1).port());
    assertEquals(2, spec.effectiveMonitors().size());
    assertTrue(rejection("-qmp", "stdio").contains("sockets only"));
    assertTrue(rejection("-qmp", "tcp:localhost:4444").contains("server"));
  }

  @Test
  void monitorAddressesReadTcpAndUnixServers() throws CliException {
    Chardev tcp = Chardev.parse("-monitor", "tcp:localhost:4444,server,nowait");
    assertEquals("localhost", tcp.host());
    assertEquals(4444, tcp.port());
    assertFalse(tcp.waitForClient());
    Chardev anyHost = Chardev.parse("-monitor", "tcp::5555,server=on,wait=off");
    assertEquals("", anyHost.host());
    Chardev unix = Chardev.parse("-monitor", "unix:/tmp/m.sock,server,nowait");
    assertEquals(Path.of("/tmp/m.sock"), unix.path());
    assertTrue(Chardev.parse("-monitor", "unix:/tmp/m.sock,server").waitForClient());
    assertTrue(rejection("-monitor", "tcp:localhost:4444").contains("server"));
    assertTrue(rejection("-monitor", "tcp:localhost:http,server").contains("'http'"));
    assertTrue(rejection("-monitor", "vc").contains("unsupported"));
  }

  @Test
  void appendAndInitrdNeedAKernelAsInQemu() {
    assertEquals("-append only allowed with -kernel option", rejection("-append", "quiet"));
    assertEquals("-initrd only allowed with -kernel option", rejection("-initrd", "x"));
  }

  @Test
  void helpAndVersionStopParsingAndListEveryFlag() throws CliException {
    String help = parse("-help").infoOnly;
    for (QemuOption option : QemuOptions.ALL) {
      assertTrue(help.contains("-" + option.names().get(0)), option.names().toString());
    }
    assertTrue(parse("--version", "-foo").infoOnly.contains("0.1.0"));
  }
}
