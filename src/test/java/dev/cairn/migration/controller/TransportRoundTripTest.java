package dev.cairn.migration.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.migration.CounterGuest;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code exec:} and {@code file:} transports carry a running guest through a file and back,
 * and a destination that gets a bad, cut-off or foreign stream never runs the guest and says why.
 */
class TransportRoundTripTest {

  private static final int ITERATIONS = 8_000_000;
  private static final Duration EXIT = Duration.ofMinutes(3);

  @TempDir static Path dir;
  private static Path counter;
  private static String expected;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(dir, ITERATIONS);
    expected = CounterOracle.expected(ITERATIONS);
  }

  /** Migrates a running source into {@code uri} with a blocking {@code migrate}; returns its output. */
  private static String migrateAway(String uri) throws Exception {
    try (VmProcess source = VmProcess.start(dir, counter)) {
      source.awaitSerial(2);
      HmpClient monitor = source.monitor();
      // While suspended the monitor shows progress lines; an error would end with "Error: ...".
      String output = monitor.command("migrate \"" + uri + "\"");
      assertTrue(!output.contains("Error"), output);
      assertEquals("completed", monitor.migrateField("Migration status"));
      assertEquals("VM status: paused (postmigrate)\n", monitor.command("info status"));
      monitor.type("quit\n");
      source.awaitExit(EXIT);
      return source.serial();
    }
  }

  private static String resume(String incoming) throws Exception {
    try (VmProcess destination = VmProcess.start(dir, counter, "-incoming", incoming)) {
      assertEquals(0, destination.awaitExit(EXIT), destination.stderr());
      return destination.serial();
    }
  }

  @Test
  void execTransportRoundTripsThroughACompressedFile() throws Exception {
    Path saved = dir.resolve("vm.gz");
    String before = migrateAway("exec:gzip -c > " + saved);
    assertTrue(Files.size(saved) > 0);
    String after = resume("exec:gzip -dc " + saved);
    assertEquals(expected, before + after);
  }

  @Test
  void fileTransportRoundTripsAndRefusesBadStreams() throws Exception {
    Path saved = dir.resolve("vm.cvm");
    String before = migrateAway("file:" + saved);
    byte[] stream = Files.readAllBytes(saved);

    Path cut = dir.resolve("cut.cvm");
    Files.write(cut, Arrays.copyOf(stream, stream.length / 2));
    assertRefused(VmProcess.start(dir, counter, "-incoming", "file:" + cut), "truncated");

    // The configuration section says 64 MiB; a 32 MiB destination must refuse before loading.
    assertRefused(VmProcess.start(dir, counter, "-m", "32M", "-incoming", "file:" + saved),
        "RAM");

    String after = resume("file:" + saved);
    assertEquals(expected, before + after);
  }

  @Test
  void aDestinationSentGarbageOverTcpExitsWithTheReason() throws Exception {
    VmProcess destination = VmProcess.start(dir, counter, "-incoming", "tcp:127.0.0.1:0");
    String address = destination.incomingAddress();
    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    assertRefused(destination, "not a Cairn VM stream");
  }

  private static void assertRefused(VmProcess destination, String reason) throws Exception {
    try (destination) {
      assertEquals(1, destination.awaitExit(EXIT), destination.stderr());
      assertEquals("", destination.serial(), "the guest never ran");
      assertTrue(destination.stderr().contains("load of migration failed"), destination.stderr());
      assertTrue(destination.stderr().contains(reason), destination.stderr());
    }
  }
}
