package dev.cairn.guest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenPGP clear-signed message (RFC 4880 section 7) split into its signed text and its
 * armored signature block.
 *
 * <p>Only the text between the headers and the signature is ever exposed, with dash-escaping
 * undone, so nothing outside the signed part can be parsed by accident.
 */
public final class ClearSignedMessage {

  private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

  private final List<String> lines;
  private final String signatureBlock;

  private ClearSignedMessage(List<String> lines, String signatureBlock) {
    this.lines = List.copyOf(lines);
    this.signatureBlock = signatureBlock;
  }

  /** Splits {@code data}; throws if it is not a well-formed clear-signed message. */
  public static ClearSignedMessage parse(byte[] data) throws ReleaseSignatureException {
    String[] raw = new String(data, StandardCharsets.UTF_8).split("\n", -1);
    int i = 0;
    if (raw.length == 0 || !stripCr(raw[0]).equals(BEGIN_MESSAGE)) {
      throw new ReleaseSignatureException(
          "InRelease does not start with '" + BEGIN_MESSAGE + "'; the mirror did not serve a"
              + " clear-signed file. Check the mirror URL.");
    }
    i++;
    // Armor headers ("Hash: SHA256") run up to the first empty line.
    while (i < raw.length && !stripCr(raw[i]).isEmpty()) {
      i++;
    }
    i++;
    List<String> text = new ArrayList<>();
    while (i < raw.length && !stripCr(raw[i]).equals(BEGIN_SIGNATURE)) {
      String line = stripCr(raw[i]);
      if (line.startsWith("- ")) {
        line = line.substring(2);
      } else if (line.startsWith("-")) {
        throw new ReleaseSignatureException("InRelease has a line starting with '-' that is not"
            + " dash-escaped (line " + (i + 1) + "); the file is malformed.");
      }
      text.add(line);
      i++;
    }
    if (i >= raw.length) {
      throw new ReleaseSignatureException("InRelease has no '" + BEGIN_SIGNATURE + "' block.");
    }
    StringBuilder sig = new StringBuilder();
    for (; i < raw.length; i++) {
      String line = stripCr(raw[i]);
      sig.append(line).append('\n');
      if (line.equals(END_SIGNATURE)) {
        return new ClearSignedMessage(text, sig.toString());
      }
    }
    throw new ReleaseSignatureException("InRelease's signature block is not terminated by '"
        + END_SIGNATURE + "'; the download was probably cut short.");
  }

  /** The signed text with dash-escaping undone, lines joined by '\n'. */
  public String text() {
    return String.join("\n", lines);
  }

  /**
   * The bytes the signature covers: lines with trailing spaces and tabs removed, joined by CRLF,
   * without a line ending after the last line.
   */
  public byte[] canonicalText() {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < lines.size(); k++) {
      if (k > 0) {
        sb.append("\r\n");
      }
      String line = lines.get(k);
      int end = line.length();
      while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
        end--;
      }
      sb.append(line, 0, end);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The ASCII-armored signature block, from BEGIN to END line. */
  public String signatureBlock() {
    return signatureBlock;
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
