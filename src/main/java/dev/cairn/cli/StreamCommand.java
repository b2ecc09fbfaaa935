package dev.cairn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.migration.stream.MachineShape;
import dev.cairn.migration.stream.StreamFormat;
import dev.cairn.migration.stream.StreamInspection;
import dev.cairn.migration.stream.StreamRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn stream inspect FILE}: prints a savevm stream's header, configuration, records and
 * per-section totals, as QEMU's {@code analyze-migration.py} does for its streams.
 *
 * <p>Reference: {@code docs/stream-format.md}; QEMU {@code scripts/analyze-migration.py}.
 */
@Command(name = "stream", description = "Look into savevm streams (snapshots, migration dumps).")
final class StreamCommand implements Callable<Integer> {

  private final CliContext context;

  StreamCommand(CliContext context) {
    this.context = context;
  }

  /** The {@code stream} command with its subcommands, ready to add to {@link Main}'s. */
  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new StreamCommand(context)).addSubcommand(new Inspect(context));
  }

  @Override
  public Integer call() {
    context.err().println("cairn: give a stream command: inspect");
    return Main.USAGE;
  }

  /** The {@code inspect} subcommand. */
  @Command(
      name = "inspect",
      description = "Print a stream's header, configuration, records and sizes; verify CRCs.")
  static final class Inspect implements Callable<Integer> {

    private static final String ROW = "%12s  %-5s  %5s  %-24s %5s %5s %12s  %s%n";
    private static final String TOTAL = "  %-24s %5s %8s %14s %14s%n";

    private final CliContext context;

    @Parameters(paramLabel = "FILE", description = "A stream written by savevm or migration.")
    Path file;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    Inspect(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws CliException {
      StreamInspection inspection;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        inspection = StreamInspection.read(in);
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e);
      }
      if (json) {
        printJson(inspection);
      } else {
        printText(inspection, context.out());
      }
      context.out().flush();
      if (inspection.error() != null) {
        throw new CliException(file + ": " + inspection.error());
      }
      return 0;
    }

    private static void printText(StreamInspection s, PrintStream out) {
      if (s.formatVersion() < 0) {
        return;
      }
      out.println("magic:          CAIRNVM\\n");
      out.println("format version: " + s.formatVersion());
      MachineShape c = s.configuration();
      if (c != null) {
        out.printf(
            "configuration:  board %s, isa %s, %d harts, RAM %d MiB at 0x%x%n",
            c.board(), c.isa(), c.harts(), c.ramSize() >> 20, c.ramBase());
        StringBuilder devices = new StringBuilder();
        for (MachineShape.Device d : c.devices()) {
          devices.append(devices.length() == 0 ? "" : ", ").append(d);
        }
        out.println("devices:        " + devices);
      }
      out.println();
      out.printf(ROW, "offset", "type", "id", "name", "inst", "ver", "payload", "crc");
      for (StreamRecord r : s.records()) {
        row(out, r);
      }
      if (s.badRecord() != null) {
        row(out, s.badRecord());
      }
      out.println();
      out.println("sections:");
      out.printf(TOTAL, "name", "inst", "records", "payload bytes", "bytes");
      for (StreamInspection.SectionTotal t : s.sections()) {
        out.printf(
            TOTAL, t.key().name(), t.key().instance(), t.records(), t.payloadBytes(), t.bytes());
      }
      out.printf(
          "total: %d records, %d bytes%s%n",
          s.records().size(), s.bytesRead(), s.error() == null ? "" : " read before the error");
      if (s.trailingBytes() > 0) {
        out.println("note: " + s.trailingBytes() + " bytes after EOF, ignored by loaders");
      }
    }

    private static void row(PrintStream out, StreamRecord r) {
      out.printf(
          ROW,
          r.offset(),
          r.type(),
          r.id(),
          r.name(),
          r.instance(),
          Integer.toUnsignedLong(r.version()),
          r.payloadLength(),
          r.crcOk() ? "ok" : "BAD");
    }

    private void printJson(StreamInspection s) throws CliException {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("file", file.toString());
      if (s.formatVersion() >= 0) {
        root.put("magic", new String(StreamFormat.MAGIC, StandardCharsets.US_ASCII));
        root.put("formatVersion", s.formatVersion());
      }
      if (s.configuration() != null) {
        root.set("configuration", mapper.valueToTree(s.configuration()));
      }
      ArrayNode records = root.putArray("records");
      for (StreamRecord r : s.records()) {
        records.add(recordNode(mapper, r));
      }
      if (s.badRecord() != null) {
        records.add(recordNode(mapper, s.badRecord()));
      }
      ArrayNode sections = root.putArray("sections");
      for (StreamInspection.SectionTotal t : s.sections()) {
        sections
            .addObject()
            .put("name", t.key().name())
            .put("instance", t.key().instance())
            .put("records", t.records())
            .put("payloadBytes", t.payloadBytes())
            .put("bytes", t.bytes());
      }
      root.put("totalBytes", s.bytesRead());
      root.put("trailingBytes", s.trailingBytes());
      root.put("complete", s.error() == null);
      root.put("error", s.error());
      try {
        context.out().println(mapper.writeValueAsString(root));
      } catch (IOException e) {
        throw new CliException("cannot format JSON: " + e.getMessage());
      }
    }

    private static ObjectNode recordNode(ObjectMapper mapper, StreamRecord r) {
      return mapper
          .createObjectNode()
          .put("offset", r.offset())
          .put("type", r.type().name())
          .put("id", Integer.toUnsignedLong(r.id()))
          .put("name", r.name())
          .put("instance", Integer.toUnsignedLong(r.instance()))
          .put("version", Integer.toUnsignedLong(r.version()))
          .put("payloadBytes", r.payloadLength())
          .put("bytes", r.size())
          .put("crc", r.crcOk() ? "ok" : "BAD");
    }
  }
}
