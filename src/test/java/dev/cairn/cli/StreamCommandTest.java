package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.migration.stream.MachineShape;
import dev.cairn.migration.stream.StreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class StreamCommandTest {

  @TempDir Path dir;
  private Path file;
  private byte[] bytes;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeStream() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    StreamWriter w = new StreamWriter(sink);
    w.writeHeader();
    w.beginConfiguration(
        new MachineShape(
            "virt",
            "rv64imafdc_zicsr_zifencei",
            1,
            0x8000_0000L,
            512L << 20,
            List.of(new MachineShape.Device("uart", 0), new MachineShape.Device("hart", 0))));
    w.fullSection("uart", 0, 3, new byte[40]);
    int ram = w.startSection("ram", 0, 1, new byte[100]);
    w.partSection(ram, new byte[5000]);
    w.endSection(ram, new byte[10]);
    w.fullSection("hart", 0, 2, new byte[300]);
    w.finish();
    bytes = sink.toByteArray();
    file = Files.write(dir.resolve("vm.cairnvm"), bytes);
  }

  private int run(String... args) {
    CliContext context =
        new CliContext(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            config -> {
              throw new AssertionError("inspect must not build a VM");
            },
            new FirmwareLocator(List.of()));
    return Main.execute(args, context);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void assertLine(String regex) {
    assertTrue(
        Pattern.compile("^" + regex + "$", Pattern.MULTILINE).matcher(stdout()).find(),
        "no line matching " + regex + " in:\n" + stdout());
  }

  @Test
  void inspectOfAGoodFilePrintsHeaderConfigurationEveryRecordAndTotals() {
    assertEquals(0, run("stream", "inspect", file.toString()), stderr());
    assertEquals("", stderr());
    assertLine("magic: +CAIRNVM\\\\n");
    assertLine("format version: 1");
    assertLine(
        "configuration: +board virt, isa rv64imafdc_zicsr_zifencei, 1 harts, RAM 512 MiB"
            + " at 0x80000000");
    assertLine("devices: +uart 0, hart 0");
    assertLine(" +12 +FULL +1 +configuration +0 +1 +\\d+ +ok");
    assertLine(" +\\d+ +START +3 +ram +0 +1 +100 +ok");
    assertLine(" +\\d+ +PART +3 +ram +0 +1 +5000 +ok");
    assertLine(" +\\d+ +END +3 +ram +0 +1 +10 +ok");
    assertLine(" +\\d+ +FULL +4 +hart +0 +2 +300 +ok");
    assertLine(" +\\d+ +EOF +0 + +0 +0 +0 +ok");
    assertLine(" +ram +0 +3 +5110 +\\d+");
    assertLine(" +uart +0 +1 +40 +\\d+");
    assertLine("total: 7 records, " + bytes.length + " bytes");
  }

  @Test
  void inspectOfATruncatedFilePrintsWhatItReadThenOneErrorLineAndExitsOne() throws IOException {
    int cut = 12 + 60 + 60 + 150 + 2000; // inside ram's PART
    Path truncated = Files.write(dir.resolve("cut.cairnvm"), Arrays.copyOf(bytes, cut));
    assertEquals(1, run("stream", "inspect", truncated.toString()));
    assertLine(" +\\d+ +START +3 +ram +0 +1 +100 +ok");
    assertFalse(stdout().contains("PART"), stdout());
    assertEquals(
        "cairn: " + truncated + ": stream truncated in section 'ram' after " + cut + " bytes\n",
        stderr());
  }

  @Test
  void inspectOfACorruptFileShowsTheBadRecord() throws IOException {
    bytes[bytes.length - 200] ^= 1; // in hart's payload
    Path corrupt = Files.write(dir.resolve("bad.cairnvm"), bytes);
    assertEquals(1, run("stream", "inspect", corrupt.toString()));
    assertLine(" +\\d+ +FULL +4 +hart +0 +2 +300 +BAD");
    assertTrue(stderr().contains("CRC mismatch in section 'hart'"), stderr());
    assertFalse(stderr().contains("\tat "), stderr());
  }

  @Test
  void inspectOfAMissingFileSaysSo() {
    assertEquals(1, run("stream", "inspect", dir.resolve("none").toString()));
    assertTrue(stderr().startsWith("cairn: cannot read "), stderr());
  }

  @Test
  void jsonOutputParsesBackWithRecordsAndTotals() throws IOException {
    assertEquals(0, run("stream", "inspect", "--json", file.toString()), stderr());
    JsonNode root = new ObjectMapper().readTree(stdout());
    assertEquals(1, root.get("formatVersion").asInt());
    assertEquals("CAIRNVM\n", root.get("magic").asText());
    assertEquals(512L << 20, root.at("/configuration/ramSize").asLong());
    assertEquals("uart", root.at("/configuration/devices/0/name").asText());
    assertEquals(7, root.get("records").size());
    assertEquals("PART", root.at("/records/3/type").asText());
    assertEquals(5000, root.at("/records/3/payloadBytes").asLong());
    assertEquals("ok", root.at("/records/3/crc").asText());
    assertEquals(4, root.get("sections").size());
    assertEquals(bytes.length, root.get("totalBytes").asLong());
    assertTrue(root.get("complete").asBoolean());
    assertTrue(root.get("error").isNull());
  }
}
