package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {

  private static final byte[] BODY = "the real package bytes".getBytes(StandardCharsets.UTF_8);

  @TempDir Path cache;
  private HttpServer server;
  private URI mirror;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/debian/pool/x.deb", exchange -> {
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    });
    server.start();
    mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/debian/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static PackageRecord record(String sha256, long size) {
    return new PackageRecord("x", "1", "riscv64", "", "pool/x.deb", size, sha256);
  }

  private long filesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void aMatchingDownloadIsCachedWithItsHashAndReusedWithoutTheNetwork() throws Exception {
    DebCache debs = new DebCache(cache);
    PackageRecord r = record(Sha256.hex(BODY), BODY.length);
    HttpFetcher http = new HttpFetcher();
    Path deb = debs.fetch(r, mirror, http, ProgressListener.NONE, CancelToken.none());
    assertEquals(1, http.requestCount());
    assertTrue(Files.isRegularFile(deb.resolveSibling("x.deb.sha256")));
    server.stop(0);
    debs.fetch(r, mirror, http, ProgressListener.NONE, CancelToken.none());
    assertEquals(1, http.requestCount(), "a verified cached file needs no request");
  }

  @Test
  void packagesNoLongerResolvedAreRemovedFromTheCache() throws Exception {
    DebCache debs = new DebCache(cache);
    PackageRecord r = record(Sha256.hex(BODY), BODY.length);
    debs.fetch(r, mirror, new HttpFetcher(), ProgressListener.NONE, CancelToken.none());
    Files.writeString(cache.resolve("old-kernel.deb"), "old");
    Files.writeString(cache.resolve("old-kernel.deb.sha256"), "old");
    debs.retainOnly(java.util.List.of(r));
    assertEquals(2, filesIn(cache));
    assertTrue(debs.isValid(r));
  }

  @Test
  void aChecksumMismatchIsRefusedAndNothingIsCached() throws Exception {
    DebCache debs = new DebCache(cache);
    PackageRecord wrong = record("00".repeat(32), BODY.length);
    ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
        () -> debs.fetch(wrong, mirror, new HttpFetcher(), ProgressListener.NONE,
            CancelToken.none()));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    assertEquals(0, filesIn(cache), "neither the file, a .part nor a hash file may remain");
    assertFalse(debs.isValid(wrong));
  }

  @Test
  void aSizeMismatchIsRefusedToo() {
    DebCache debs = new DebCache(cache);
    PackageRecord shorter = record(Sha256.hex(BODY), BODY.length - 1);
    assertThrows(GuestBuildException.class, () -> debs.fetch(shorter, mirror, new HttpFetcher(),
        ProgressListener.NONE, CancelToken.none()));
  }

  @Test
  void aMissingFileOnTheMirrorNamesTheHttpStatus() {
    HttpFetcher http = new HttpFetcher();
    DownloadException e = assertThrows(DownloadException.class, () -> http.fetchBytes(
        mirror.resolve("dists/trixie/InRelease"), "x", ProgressListener.NONE, CancelToken.none()));
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
  }

  @Test
  void cancellingStopsTheDownloadAndLeavesNothingBehind() {
    DebCache debs = new DebCache(cache);
    CancelToken cancel = new CancelToken();
    cancel.cancel();
    assertThrows(BuildCancelledException.class, () -> debs.fetch(
        record(Sha256.hex(BODY), BODY.length), mirror, new HttpFetcher(), ProgressListener.NONE,
        cancel));
    assertEquals(0L, assertDoesNotFail(() -> filesIn(cache)));
  }

  @Test
  void anUnreachableMirrorGivesAClearErrorNotAStackTrace(@TempDir Path emptyCache) {
    DebianRecipe recipe = DebianRecipe.builder()
        .mirror("http://127.0.0.1:9/")
        .env(Map.of())
        .cacheDir(emptyCache)
        .build();
    DownloadException e = assertThrows(DownloadException.class,
        () -> recipe.build(ProgressListener.NONE, CancelToken.none()));
    assertTrue(e.getMessage().startsWith("Cannot connect to the Debian mirror at 127.0.0.1:9"),
        e.getMessage());
    assertTrue(e.getMessage().contains(MirrorLocator.ENV_MIRROR), e.getMessage());
  }

  private interface Check<T> {
    T get() throws Exception;
  }

  private static <T> T assertDoesNotFail(Check<T> c) {
    try {
      return c.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
