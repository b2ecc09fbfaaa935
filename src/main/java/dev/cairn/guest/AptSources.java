package dev.cairn.guest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Finds the Debian archive mirror in the host's apt configuration under a given root. */
public final class AptSources {

  /** Debian release codenames and aliases; anything else (e.g. "nodistro", "jammy") is not ours. */
  private static final Set<String> DEBIAN_SUITES = Set.of(
      "buster", "bullseye", "bookworm", "trixie", "forky", "duke", "sid",
      "oldoldstable", "oldstable", "stable", "testing", "unstable", "experimental");

  private final Path root;

  /** Reads apt's configuration below {@code root} ("/" for the host). */
  public AptSources(Path root) {
    this.root = root;
  }

  /** All enabled and disabled entries from sources.list, *.list and *.sources, in apt's order. */
  public List<AptSourceEntry> entries() throws IOException {
    Path etcApt = root.resolve("etc/apt");
    List<AptSourceEntry> out = new ArrayList<>();
    Path main = etcApt.resolve("sources.list");
    if (Files.isRegularFile(main)) {
      out.addAll(AptSourcesParser.parseOneLine(Files.readString(main, StandardCharsets.UTF_8)));
    }
    Path dir = etcApt.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        ds.forEach(files::add);
      }
      files.sort(null);
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!Files.isRegularFile(f)) {
          continue;
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (name.endsWith(".list")) {
          out.addAll(AptSourcesParser.parseOneLine(text));
        } else if (name.endsWith(".sources")) {
          out.addAll(AptSourcesParser.parseDeb822(text));
        }
      }
    }
    return out;
  }

  /**
   * The URI of the Debian archive: an enabled "deb" source over http(s) with component "main" and
   * a Debian release suite (not -security). Sources whose path ends in "/debian" win ties, since
   * third-party repositories sometimes reuse Debian codenames.
   */
  public Optional<URI> debianArchive() throws IOException {
    URI best = null;
    for (AptSourceEntry e : entries()) {
      if (!e.enabled() || !e.types().contains("deb") || !e.components().contains("main")) {
        continue;
      }
      if (e.suites().stream().noneMatch(AptSources::isDebianSuite)) {
        continue;
      }
      for (String u : e.uris()) {
        URI uri = parseHttp(u);
        if (uri == null || uri.getPath().contains("debian-security")) {
          continue;
        }
        if (best == null || (!looksLikeArchive(best) && looksLikeArchive(uri))) {
          best = uri;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  static boolean isDebianSuite(String suite) {
    String s = suite.toLowerCase(Locale.ROOT);
    if (s.endsWith("-security")) {
      return false;
    }
    int dash = s.indexOf('-');
    return DEBIAN_SUITES.contains(dash < 0 ? s : s.substring(0, dash));
  }

  private static boolean looksLikeArchive(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    return path.endsWith("/debian") || path.endsWith("/debian/");
  }

  private static URI parseHttp(String text) {
    try {
      URI uri = URI.create(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
