package dev.cairn.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The signed content of a suite's InRelease: codename and the SHA-256 list of index files. */
public final class ReleaseIndex {

  private final String codename;
  private final boolean allInArchPackages;
  private final Map<String, ExpectedFile> sha256;

  private ReleaseIndex(String codename, boolean allInArchPackages,
      Map<String, ExpectedFile> sha256) {
    this.codename = codename;
    this.allInArchPackages = allInArchPackages;
    this.sha256 = Map.copyOf(sha256);
  }

  /**
   * Verifies {@code inRelease}'s signature and parses the signed part only.
   *
   * @param expectedCodename the suite asked for; a signed file for another suite is refused so a
   *     mirror cannot substitute an older release
   */
  public static ReleaseIndex verifyAndParse(byte[] inRelease, ReleaseSignatureVerifier verifier,
      String expectedCodename) throws GuestBuildException {
    ClearSignedMessage message = ClearSignedMessage.parse(inRelease);
    verifier.verify(message);
    ReleaseIndex index = parse(message.text());
    if (!expectedCodename.equals(index.codename)) {
      throw new ReleaseSignatureException("The mirror's InRelease for '" + expectedCodename
          + "' is signed but describes codename '" + index.codename + "'; refusing it.");
    }
    return index;
  }

  /** Parses Release text (already verified). */
  static ReleaseIndex parse(String text) throws GuestBuildException {
    List<Deb822.Stanza> stanzas;
    try {
      stanzas = Deb822.parse(new BufferedReader(new StringReader(text)));
    } catch (IOException e) {
      throw new GuestBuildException("Could not read InRelease: " + e.getMessage(), e);
    }
    if (stanzas.isEmpty() || stanzas.get(0).get("SHA256") == null) {
      throw new GuestBuildException("InRelease has no SHA256 section; the mirror serves a"
          + " release file this tool does not understand.");
    }
    Deb822.Stanza s = stanzas.get(0);
    Map<String, ExpectedFile> files = new HashMap<>();
    for (String line : s.get("SHA256").split("\n")) {
      String[] w = line.trim().split("\\s+");
      if (w.length != 3) {
        continue;
      }
      files.put(w[2], new ExpectedFile(w[2], w[0], Long.parseLong(w[1])));
    }
    boolean allInArch = s.get("No-Support-for-Architecture-all", "").contains("Packages");
    return new ReleaseIndex(s.get("Codename", ""), allInArch, files);
  }

  public String codename() {
    return codename;
  }

  /**
   * True when Architecture: all packages are listed in each architecture's Packages file too
   * ("No-Support-for-Architecture-all: Packages"), so binary-all need not be fetched.
   */
  public boolean allInArchPackages() {
    return allInArchPackages;
  }

  /** The expected hash and size of {@code path} (relative to dists/SUITE/), if listed. */
  public Optional<ExpectedFile> file(String path) {
    return Optional.ofNullable(sha256.get(path));
  }
}
