package dev.cairn.guest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tukaani.xz.XZInputStream;

/** Reads the files inside a Debian .deb: an ar archive whose data.tar.* member holds them. */
public final class DebArchive {

  /** Receives each regular file of the data tarball; {@code path} has no leading "./" or "/". */
  @FunctionalInterface
  public interface Visitor {
    void visit(String path, TarArchiveEntry entry, InputStream content)
        throws IOException, GuestBuildException;
  }

  private final Path deb;

  public DebArchive(Path deb) {
    this.deb = deb;
  }

  /** Walks every entry of data.tar.*, checking {@code cancel} between entries. */
  public void walk(Visitor visitor, CancelToken cancel) throws GuestBuildException {
    walk(visitor, "", ProgressListener.NONE, cancel);
  }

  /**
   * Walks every entry of data.tar.*, reporting how much of the .deb was read under
   * {@code phase} and checking {@code cancel} between entries.
   */
  public void walk(Visitor visitor, String phase, ProgressListener progress, CancelToken cancel)
      throws GuestBuildException {
    try (InputStream file = new BufferedInputStream(new CountingInputStream(
            Files.newInputStream(deb), Files.size(deb), phase, progress), 1 << 16);
        ArArchiveInputStream ar = new ArArchiveInputStream(file)) {
      ArArchiveEntry member;
      while ((member = ar.getNextEntry()) != null) {
        String name = member.getName();
        if (name.startsWith("data.tar")) {
          try (TarArchiveInputStream tar = new TarArchiveInputStream(decompress(name, ar))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
              cancel.check();
              visitor.visit(normalise(e.getName()), e, tar);
            }
          }
          return;
        }
      }
      throw new GuestBuildException(deb.getFileName() + " has no data.tar member; it is not a"
          + " valid Debian package. Delete it from the cache and run again.");
    } catch (IOException e) {
      throw new GuestBuildException("Cannot read the Debian package " + deb + ": "
          + e.getMessage() + ". Delete it from the cache and run again.", e);
    }
  }

  /** Reads the named regular files (paths without "./") into memory; missing ones are absent. */
  public Map<String, byte[]> read(Set<String> paths, CancelToken cancel)
      throws GuestBuildException {
    Map<String, byte[]> out = new HashMap<>();
    walk((path, entry, content) -> {
      if (entry.isFile() && paths.contains(path)) {
        out.put(path, content.readAllBytes());
      }
    }, cancel);
    return out;
  }

  /** Reports bytes read from the .deb, at most once per 256 KiB. */
  private static final class CountingInputStream extends FilterInputStream {
    private final long total;
    private final String phase;
    private final ProgressListener progress;
    private long done;
    private long reported = -1;

    CountingInputStream(InputStream in, long total, String phase, ProgressListener progress) {
      super(in);
      this.total = total;
      this.phase = phase;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count(1);
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      done += n;
      if (done - reported >= (1 << 18) || done == total) {
        reported = done;
        progress.progress(phase, done, total);
      }
    }
  }

  static String normalise(String tarName) {
    String s = tarName;
    if (s.startsWith("./")) {
      s = s.substring(2);
    }
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    return s;
  }

  private InputStream decompress(String member, InputStream in)
      throws IOException, GuestBuildException {
    if (member.equals("data.tar.xz")) {
      return new XZInputStream(in);
    } else if (member.equals("data.tar.gz")) {
      return new GzipCompressorInputStream(in);
    } else if (member.equals("data.tar")) {
      return in;
    }
    throw new GuestBuildException(deb.getFileName() + " stores its files as " + member
        + ", a compression this tool cannot read (it reads data.tar.xz, .gz and plain).");
  }
}
