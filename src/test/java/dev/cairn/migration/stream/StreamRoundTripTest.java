package dev.cairn.migration.stream;

import static dev.cairn.migration.stream.TestStreams.shape;
import static dev.cairn.migration.stream.TestStreams.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StreamRoundTripTest {

  /** A RAM part bigger than the pipe's buffer, so the writer must block until the reader drains. */
  private static final int BIG = 200_000;

  private final List<String> loads = new ArrayList<>();

  private SectionRegistry registry() {
    return new SectionRegistry()
        .register("uart", 0, new TestStreams.Recording("uart", 1, 3, false, loads))
        .register("hart", 0, new TestStreams.Recording("hart", 1, 1, false, loads))
        .register("ram", 0, new TestStreams.Recording("ram", 1, 2, true, loads))
        .register("test-live", 0, new TestStreams.Recording("test-live", 1, 1, true, loads));
  }

  /** Configuration, FULL sections, and "ram" and "test-live" interleaved part by part. */
  static long writeSample(OutputStream sink) throws IOException {
    StreamWriter w = new StreamWriter(sink);
    w.writeHeader();
    w.beginConfiguration(shape());
    w.fullSection("uart", 0, 3, text("uart-state"));
    int ram = w.startSection("ram", 0, 2, text("ram-start"));
    int live = w.startSection("test-live", 0, 1, text("live-start"));
    char[] pages = new char[BIG / 4];
    Arrays.fill(pages, 'p');
    w.partSection(ram, out -> out.writeUTF("ram-part1 " + new String(pages)));
    w.partSection(live, text("live-part1"));
    w.partSection(ram, text("ram-part2"));
    w.partSection(live, text("live-part2"));
    w.endSection(ram, text("ram-end"));
    w.endSection(live, text("live-end"));
    w.fullSection("hart", 0, 1, out -> out.writeUTF("hart-state"));
    w.finish();
    return w.bytesWritten();
  }

  @Test
  void streamThroughAPipeLoadsEverySectionInOrderWithoutSeeking() throws Exception {
    PipedInputStream in = new PipedInputStream(4096);
    PipedOutputStream out = new PipedOutputStream(in);
    CompletableFuture<Long> writer =
        CompletableFuture.supplyAsync(
            () -> {
              try (out) {
                return writeSample(out);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    TestStreams.CountingTarget target = new TestStreams.CountingTarget();
    StagedLoad staged = new StreamLoader(registry(), shape()).stage(in, target);
    long written = writer.get(10, TimeUnit.SECONDS);

    assertEquals(0, target.commits, "staging must not apply anything");
    assertTrue(loads.isEmpty(), "no handler may load before commit");
    assertEquals(written, staged.bytes());
    assertEquals(shape(), staged.configuration());
    staged.commit();

    assertEquals(1, target.commits);
    assertEquals(
        List.of(
            "uart FULL v3 uart-state",
            "ram START v2 ram-start",
            "test-live START v1 live-start",
            "ram PART v2 ram-part1 " + "p".repeat(BIG / 4),
            "test-live PART v1 live-part1",
            "ram PART v2 ram-part2",
            "test-live PART v1 live-part2",
            "ram END v2 ram-end",
            "test-live END v1 live-end",
            "hart FULL v1 hart-state"),
        loads);
  }

  @Test
  void aTargetThatConsumesPayloadsAtOnceGetsThemThroughOneReusedBuffer() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeSample(bytes);
    List<byte[]> arrays = new ArrayList<>();
    List<Long> lengths = new ArrayList<>();
    LoadTarget applying =
        new LoadTarget() {
          @Override
          public void stage(SectionHandler handler, StreamRecord record) throws IOException {
            arrays.add(record.payload());
            lengths.add(record.payloadLength());
            handler.load(record.version(), record.payload(), (int) record.payloadLength(),
                record.type());
          }

          @Override
          public void commit() {}

          @Override
          public boolean consumesPayloadsAtOnce() {
            return true;
          }
        };
    new StreamLoader(registry(), shape())
        .stage(new ByteArrayInputStream(bytes.toByteArray()), applying)
        .commit();

    assertEquals(10, loads.size());
    assertEquals("ram PART v2 ram-part1 " + "p".repeat(BIG / 4), loads.get(3));
    assertEquals("test-live PART v1 live-part1", loads.get(4));
    // Every record after the big RAM part was read into that part's array, longer than itself.
    byte[] big = arrays.get(3);
    for (int i = 4; i < arrays.size(); i++) {
      assertTrue(arrays.get(i) == big, "record " + i + " has its own array");
      assertTrue(lengths.get(i) < big.length);
    }
  }

  @Test
  void readerReportsEveryRecordWithItsSectionAndBytesWrittenMatchesTheStream() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long written = writeSample(bytes);
    assertEquals(bytes.size(), written);

    StreamReader reader = new StreamReader(new ByteArrayInputStream(bytes.toByteArray()), false);
    assertEquals(StreamFormat.FORMAT_VERSION, reader.readHeader());
    List<String> seen = new ArrayList<>();
    long offset = StreamFormat.HEADER_SIZE;
    StreamRecord r;
    do {
      r = reader.next();
      assertEquals(offset, r.offset());
      assertTrue(r.crcOk());
      offset += r.size();
      seen.add(r.type() + " " + r.id() + " " + r.name() + " v" + r.version());
    } while (r.type() != RecordType.EOF);
    assertEquals(written, reader.offset());
    assertEquals(shape(), reader.configuration());
    assertNull(r.payload());
    assertEquals(
        List.of(
            "FULL 1 configuration v1",
            "FULL 2 uart v3",
            "START 3 ram v2",
            "START 4 test-live v1",
            "PART 3 ram v2",
            "PART 4 test-live v1",
            "PART 3 ram v2",
            "PART 4 test-live v1",
            "END 3 ram v2",
            "END 4 test-live v1",
            "FULL 5 hart v1",
            "EOF 0  v0"),
        seen);
  }
}
