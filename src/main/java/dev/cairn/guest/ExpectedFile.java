package dev.cairn.guest;

import java.util.Locale;

/** What a file must be, as promised by a signed index: its size and lowercase SHA-256 in hex. */
public record ExpectedFile(String path, String sha256, long size) {

  public ExpectedFile {
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: '" + sha256 + "' for " + path);
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + path);
    }
  }
}
