package dev.cairn.guest;

/** The fields of one Packages stanza this recipe needs. */
public record PackageRecord(
    String name, String version, String architecture, String depends, String filename,
    long size, String sha256) {

  /** The .deb as a file the download must match; {@code filename} is relative to the mirror. */
  public ExpectedFile expected() {
    return new ExpectedFile(filename, sha256, size);
  }
}
