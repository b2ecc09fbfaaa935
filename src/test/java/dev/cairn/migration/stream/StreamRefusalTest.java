package dev.cairn.migration.stream;

import static dev.cairn.migration.stream.TestStreams.shape;
import static dev.cairn.migration.stream.TestStreams.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a stream is refused gives its own message, and nothing is ever committed. */
class StreamRefusalTest {

  private final List<String> loads = new ArrayList<>();
  private final TestStreams.CountingTarget target = new TestStreams.CountingTarget();

  private SectionHandler full(String name, int minimum, int current) {
    return new TestStreams.Recording(name, minimum, current, false, loads);
  }

  private SectionRegistry registry() {
    return new SectionRegistry()
        .register("uart", 0, full("uart", 1, 3))
        .register("ram", 0, new TestStreams.Recording("ram", 1, 1, true, loads));
  }

  /** Header, configuration, "uart" version {@code uartVersion}, "ram" live in three records. */
  private static byte[] stream(MachineShape shape, int uartVersion) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StreamWriter w = new StreamWriter(bytes);
    w.writeHeader();
    w.beginConfiguration(shape);
    w.fullSection("uart", 0, uartVersion, text("uart-state"));
    int ram = w.startSection("ram", 0, 1, text("ram-start"));
    w.partSection(ram, text("x".repeat(1000)));
    w.endSection(ram, text("ram-end"));
    w.finish();
    return bytes.toByteArray();
  }

  private static byte[] good() throws IOException {
    return stream(shape(), 3);
  }

  /** Loads {@code bytes} expecting refusal; checks nothing was applied; returns the message. */
  private String refused(SectionRegistry registry, byte[] bytes) {
    StreamException e =
        assertThrows(
            StreamException.class,
            () ->
                new StreamLoader(registry, shape()).load(new ByteArrayInputStream(bytes), target));
    assertEquals(0, target.commits, "a refused stream must never be committed");
    assertEquals(1, target.discards, "a refused stream's staged state must be dropped");
    assertTrue(loads.isEmpty(), "no handler may load from a refused stream");
    return e.getMessage();
  }

  private String refused(byte[] bytes) {
    return refused(registry(), bytes);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void goodStreamLoadsAndCommitsOnce() throws IOException {
    new StreamLoader(registry(), shape()).load(new ByteArrayInputStream(good()), target);
    assertEquals(1, target.commits);
    assertEquals(4, loads.size());
  }

  @ParameterizedTest(name = "cut at {0}")
  @ValueSource(ints = {0, 5, 8, 12, 13, 30, -60, -40, -12, -1})
  void truncatedStreamIsRefusedSayingWhere(int cut) throws IOException {
    byte[] whole = good();
    int length = cut >= 0 ? cut : whole.length + cut;
    String message = refused(Arrays.copyOf(whole, length));
    assertTrue(message.startsWith("stream truncated"), message);
    assertTrue(message.contains(" " + length + " bytes"), message);
  }

  @Test
  void truncationInsideALiveSectionNamesIt() throws IOException {
    byte[] whole = good();
    int inPart = indexOf(whole, "xxxxxxxx".getBytes()) + 100;
    assertEquals(
        "stream truncated in section 'ram' after " + inPart + " bytes",
        refused(Arrays.copyOf(whole, inPart)));
  }

  @Test
  void truncationBetweenRecordsOfAnOpenLiveSectionNamesIt() throws IOException {
    byte[] whole = good();
    StreamReader reader = new StreamReader(new ByteArrayInputStream(whole));
    reader.readHeader();
    while (reader.next().type() != RecordType.PART) {
      // up to and including ram's PART
    }
    int cut = (int) reader.offset();
    assertEquals(
        "stream truncated in section 'ram' after " + cut + " bytes",
        refused(Arrays.copyOf(whole, cut)));
  }

  @Test
  void flippedPayloadByteIsACrcErrorNamingTheSection() throws IOException {
    byte[] bytes = good();
    bytes[indexOf(bytes, "uart-state".getBytes()) + 3] ^= 0x20;
    String message = refused(bytes);
    assertTrue(
        message.startsWith("CRC mismatch in section 'uart' (FULL record at offset"), message);
  }

  @Test
  void flippedByteInALivePartNamesTheLiveSection() throws IOException {
    byte[] bytes = good();
    bytes[indexOf(bytes, "xxxx".getBytes()) + 500] = 'y';
    assertTrue(refused(bytes).startsWith("CRC mismatch in section 'ram' (PART record"));
  }

  @Test
  void wrongMagicIsRefused() throws IOException {
    byte[] bytes = good();
    bytes[0] = 'X';
    assertEquals(
        "not a Cairn VM stream: it begins with 58 41 49 52 4e 56 4d 0a, not CAIRNVM\\n",
        refused(bytes));
  }

  @Test
  void qemuStreamIsRecognisedAsSuch() throws IOException {
    byte[] bytes = good();
    System.arraycopy("QEVM\0\0\0\3".getBytes(), 0, bytes, 0, 8);
    assertTrue(refused(bytes).startsWith("this is a QEMU migration stream"));
  }

  @Test
  void newerFormatVersionIsRefused() throws IOException {
    byte[] bytes = good();
    bytes[11] = 2;
    assertEquals(
        "stream format version 2 is newer than this build supports (1 to 1)", refused(bytes));
  }

  @Test
  void unknownSectionIsRefusedByName() throws IOException {
    SectionRegistry onlyRam =
        new SectionRegistry()
            .register("ram", 0, new TestStreams.Recording("ram", 1, 1, true, loads));
    assertEquals(
        "stream has section 'uart' (version 3), which this build does not know",
        refused(onlyRam, good()));
  }

  @Test
  void sectionNewerThanThisBuildIsRefusedWithBothVersions() throws IOException {
    assertEquals(
        "section 'uart' version 4 is newer than this build supports (1 to 3)",
        refused(stream(shape(), 4)));
  }

  @Test
  void sectionOlderThanTheMinimumIsRefusedWithBothVersions() throws IOException {
    SectionRegistry newer =
        new SectionRegistry()
            .register("uart", 0, full("uart", 2, 3))
            .register("ram", 0, new TestStreams.Recording("ram", 1, 1, true, loads));
    assertEquals(
        "section 'uart' version 1 is older than this build supports (2 to 3)",
        refused(newer, stream(shape(), 1)));
  }

  @Test
  void missingRequiredSectionIsNamed() throws IOException {
    SectionRegistry withRtc = registry().register("rtc", 0, full("rtc", 1, 1));
    assertEquals("stream lacks required section 'rtc'", refused(withRtc, good()));
  }

  @Test
  void missingOptionalSectionIsFine() throws IOException {
    SectionRegistry withRtc = registry().registerOptional("rtc", 0, full("rtc", 1, 1));
    new StreamLoader(withRtc, shape()).load(new ByteArrayInputStream(good()), target);
    assertEquals(1, target.commits);
  }

  @Test
  void differentRamSizeIsRefusedBeforeAnySection() throws IOException {
    assertEquals(
        "cannot load into this VM: stream is for 512 MiB of RAM; this VM has 1024 MiB",
        refused(stream(shape(512L << 20), 3)));
    assertTrue(target.staged.isEmpty(), "nothing may be staged for another machine");
  }

  @Test
  void liveSectionSentInOnePieceIsRefused() throws IOException {
    SectionRegistry uartLive =
        new SectionRegistry()
            .register("uart", 0, new TestStreams.Recording("uart", 1, 3, true, loads))
            .register("ram", 0, new TestStreams.Recording("ram", 1, 1, true, loads));
    assertEquals(
        "section 'uart' arrives as one FULL record but this build saves it live",
        refused(uartLive, good()));
  }

  @Test
  void stagingLeavesTheMachineAloneUntilCommit() throws IOException {
    StagedLoad staged =
        new StreamLoader(registry(), shape()).stage(new ByteArrayInputStream(good()), target);
    assertTrue(loads.isEmpty());
    assertEquals(0, target.commits);
    assertEquals(4, target.staged.size());
    staged.commit();
    assertEquals(4, loads.size());
    assertThrows(IllegalStateException.class, staged::commit);
  }
}
