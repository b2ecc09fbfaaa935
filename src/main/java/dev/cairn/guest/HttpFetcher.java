package dev.cairn.guest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads from the mirror over HTTP(S), reporting progress and honouring cancellation.
 *
 * <p>Files are written under a temporary name and renamed into place only after their size and
 * SHA-256 match, so an interrupted or corrupt download never looks cached.
 */
public final class HttpFetcher {

  private static final int CHUNK = 1 << 16;

  private final HttpClient client;
  private final AtomicLong requests = new AtomicLong();

  public HttpFetcher() {
    this.client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** How many HTTP requests this fetcher has started; lets callers prove a run was offline. */
  public long requestCount() {
    return requests.get();
  }

  /** Fetches a small file of unknown size (at most 64 MiB) into memory. */
  public byte[] fetchBytes(URI uri, String phase, ProgressListener progress, CancelToken cancel)
      throws GuestBuildException {
    return fetchBytes(uri, phase, -1, 64L << 20, progress, cancel);
  }

  /**
   * Fetches a file into memory.
   *
   * @param expectedSize the size for progress reports, or -1 if unknown
   * @param maxBytes a mirror sending more than this is cut off, so it cannot exhaust memory
   */
  public byte[] fetchBytes(URI uri, String phase, long expectedSize, long maxBytes,
      ProgressListener progress, CancelToken cancel) throws GuestBuildException {
    try (InputStream in = open(uri)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      copy(in, out, null, phase, expectedSize, maxBytes, progress, cancel);
      return out.toByteArray();
    } catch (IOException e) {
      throw failure(uri, e);
    }
  }

  /**
   * Downloads {@code uri} to {@code target}, atomically, only if it matches {@code expected}.
   *
   * @throws ChecksumMismatchException if size or SHA-256 differ; nothing is left at target
   */
  public void fetchVerified(URI uri, Path target, ExpectedFile expected, String phase,
      ProgressListener progress, CancelToken cancel) throws GuestBuildException {
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
      MessageDigest md = Sha256.newDigest();
      long written;
      try (InputStream in = open(uri); OutputStream out = Files.newOutputStream(temp)) {
        written = copy(in, out, md, phase, expected.size(), expected.size(), progress, cancel);
      }
      String actual = HexFormat.of().formatHex(md.digest());
      if (written != expected.size() || !actual.equals(expected.sha256())) {
        throw new ChecksumMismatchException("Refusing " + uri + ": got " + written
            + " bytes with SHA-256 " + actual + " but the signed index promises "
            + expected.size() + " bytes with SHA-256 " + expected.sha256()
            + ". The mirror is corrupt or out of sync; try again later or use another mirror.");
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException e) {
      throw failure(uri, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The temp file has a .part name and is never mistaken for a cached file.
        }
      }
    }
  }

  private InputStream open(URI uri) throws IOException {
    requests.incrementAndGet();
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofMinutes(2))
        .header("User-Agent", "cairn-guest-recipe")
        .GET()
        .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new HttpStatusException(response.statusCode());
    }
    return response.body();
  }

  private static long copy(InputStream in, OutputStream out, MessageDigest md, String phase,
      long total, long limit, ProgressListener progress, CancelToken cancel)
      throws IOException, BuildCancelledException {
    byte[] buf = new byte[CHUNK];
    long done = 0;
    progress.progress(phase, 0, total);
    int n;
    while ((n = in.read(buf)) > 0) {
      cancel.check();
      out.write(buf, 0, n);
      if (md != null) {
        md.update(buf, 0, n);
      }
      done += n;
      if (done > limit) {
        throw new IOException("the server sent more than the expected " + limit + " bytes");
      }
      progress.progress(phase, done, total);
    }
    return done;
  }

  private static DownloadException failure(URI uri, IOException e) {
    String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    String advice = " Check the network connection, or choose another Debian mirror (mirror"
        + " option or $" + MirrorLocator.ENV_MIRROR + ").";
    if (e instanceof HttpStatusException s) {
      return new DownloadException("The mirror answered HTTP " + s.status + " for " + uri + "."
          + (s.status == 404 ? " The mirror may not carry Debian trixie for riscv64." : "")
          + advice);
    }
    if (e.getCause() instanceof UnresolvedAddressException) {
      return new DownloadException("Cannot resolve the Debian mirror's host name '"
          + uri.getHost() + "'." + advice, e);
    }
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return new DownloadException("Cannot connect to the Debian mirror at " + host + " ("
          + describe(e) + ")." + advice, e);
    }
    if (e instanceof HttpTimeoutException) {
      return new DownloadException("The Debian mirror at " + host + " stopped answering while"
          + " sending " + uri + "." + advice, e);
    }
    return new DownloadException("Downloading " + uri + " failed: " + describe(e) + "." + advice,
        e);
  }

  private static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  /** A non-200 answer, turned into a user-facing message by {@link #failure}. */
  private static final class HttpStatusException extends IOException {
    final int status;

    HttpStatusException(int status) {
      super("HTTP " + status);
      this.status = status;
    }
  }
}
