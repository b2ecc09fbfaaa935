package dev.cairn.guest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Verified .deb files in the cache. Each sits next to a ".sha256" file holding the hash and size
 * it was verified against; a file is used only while both still match.
 */
public final class DebCache {

  private final Path dir;

  public DebCache(Path dir) {
    this.dir = dir;
  }

  /** Where {@code p}'s .deb lives in the cache. */
  public Path pathOf(PackageRecord p) {
    String name = p.filename().substring(p.filename().lastIndexOf('/') + 1);
    return dir.resolve(name);
  }

  /** True if the cached file exists and still has the promised size and SHA-256. */
  public boolean isValid(PackageRecord p) throws IOException {
    Path deb = pathOf(p);
    Path stamp = sidecar(deb);
    if (!Files.isRegularFile(deb) || !Files.isRegularFile(stamp)) {
      return false;
    }
    ExpectedFile e = p.expected();
    return Files.readString(stamp, StandardCharsets.US_ASCII).trim().equals(stampText(e))
        && Files.size(deb) == e.size()
        && Sha256.hex(deb).equals(e.sha256());
  }

  /** Downloads {@code p} from {@code mirror} unless a valid copy is cached; returns its path. */
  public Path fetch(PackageRecord p, URI mirror, HttpFetcher http, ProgressListener progress,
      CancelToken cancel) throws GuestBuildException {
    Path deb = pathOf(p);
    try {
      if (isValid(p)) {
        return deb;
      }
      Files.deleteIfExists(sidecar(deb));
      http.fetchVerified(mirror.resolve(p.filename()), deb, p.expected(),
          "downloading " + p.name() + " " + p.version(), progress, cancel);
      Files.writeString(sidecar(deb), stampText(p.expected()) + "\n", StandardCharsets.US_ASCII);
      return deb;
    } catch (IOException e) {
      throw new GuestBuildException("Cannot write to the cache directory " + dir + ": "
          + e.getMessage() + ". Check its permissions and free space.", e);
    }
  }

  /**
   * Deletes cached .debs (and their hash files) that are not among {@code keep}, so superseded
   * kernels do not pile up at ~110 MB each.
   */
  public void retainOnly(List<PackageRecord> keep) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    Set<Path> wanted = new HashSet<>();
    for (PackageRecord p : keep) {
      wanted.add(pathOf(p));
      wanted.add(sidecar(pathOf(p)));
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        boolean ours = name.endsWith(".deb") || name.endsWith(".deb.sha256");
        if (ours && !wanted.contains(f)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static Path sidecar(Path deb) {
    return deb.resolveSibling(deb.getFileName() + ".sha256");
  }

  private static String stampText(ExpectedFile e) {
    return e.sha256() + " " + e.size();
  }
}
