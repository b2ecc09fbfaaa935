package dev.cairn.guest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/** Checks a clear-signed InRelease against trusted Debian archive keyrings with Bouncy Castle. */
public final class ReleaseSignatureVerifier {

  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

  private final List<Path> keyrings;

  public ReleaseSignatureVerifier(List<Path> keyrings) {
    this.keyrings = List.copyOf(keyrings);
  }

  /**
   * The keyrings Debian installs for trixie: the archive keyring plus the trixie-specific ones.
   */
  public static List<Path> defaultKeyrings(Path keyringDir) throws IOException {
    List<Path> out = new ArrayList<>();
    Path archive = keyringDir.resolve("debian-archive-keyring.gpg");
    if (Files.isRegularFile(archive)) {
      out.add(archive);
    }
    if (Files.isDirectory(keyringDir)) {
      try (DirectoryStream<Path> ds =
          Files.newDirectoryStream(keyringDir, "debian-archive-trixie-*.gpg")) {
        ds.forEach(out::add);
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Verifies {@code message}; returns the IDs of the keys whose signatures verified.
   *
   * @throws ReleaseSignatureException when no signature verifies with a trusted key
   */
  public List<String> verify(ClearSignedMessage message) throws ReleaseSignatureException {
    List<PGPPublicKeyRingCollection> trusted = loadKeyrings();
    PGPSignatureList signatures = readSignatures(message.signatureBlock());
    byte[] canonical = message.canonicalText();
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (PGPSignature sig : signatures) {
      String id = String.format("%016X", sig.getKeyID());
      if (sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
        problems.add(id + ": not a text signature");
        continue;
      }
      PGPPublicKey key = findKey(trusted, sig.getKeyID());
      if (key == null) {
        problems.add(id + ": key not in the trusted keyrings");
        continue;
      }
      try {
        sig.init(new JcaPGPContentVerifierBuilderProvider().setProvider(PROVIDER), key);
        sig.update(canonical);
        if (sig.verify()) {
          good.add(id);
        } else {
          problems.add(id + ": signature does not match the text");
        }
      } catch (PGPException e) {
        problems.add(id + ": " + e.getMessage());
      }
    }
    if (good.isEmpty()) {
      throw new ReleaseSignatureException("InRelease is not validly signed by a trusted Debian"
          + " archive key (" + String.join("; ", problems) + "). The file was altered or the"
          + " mirror is broken; if the keys are missing, update the debian-archive-keyring"
          + " package. Keyrings used: " + keyrings + ".");
    }
    return good;
  }

  private List<PGPPublicKeyRingCollection> loadKeyrings() throws ReleaseSignatureException {
    if (keyrings.isEmpty()) {
      throw new ReleaseSignatureException("No Debian archive keyring found to check InRelease;"
          + " install the debian-archive-keyring package (it provides"
          + " /usr/share/keyrings/debian-archive-keyring.gpg).");
    }
    List<PGPPublicKeyRingCollection> out = new ArrayList<>();
    for (Path p : keyrings) {
      try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(p))) {
        out.add(new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator()));
      } catch (IOException | PGPException e) {
        throw new ReleaseSignatureException(
            "Could not read the OpenPGP keyring " + p + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static PGPSignatureList readSignatures(String armored)
      throws ReleaseSignatureException {
    try (InputStream in = new ArmoredInputStream(
        new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
      Object o = new JcaPGPObjectFactory(in).nextObject();
      if (o instanceof PGPSignatureList list && !list.isEmpty()) {
        return list;
      }
    } catch (IOException | RuntimeException e) {
      throw new ReleaseSignatureException(
          "InRelease's signature block cannot be decoded: " + e.getMessage(), e);
    }
    throw new ReleaseSignatureException("InRelease's signature block holds no signatures.");
  }

  private static PGPPublicKey findKey(List<PGPPublicKeyRingCollection> rings, long keyId) {
    for (PGPPublicKeyRingCollection c : rings) {
      PGPPublicKey k = c.getPublicKey(keyId);
      if (k != null) {
        return k;
      }
    }
    return null;
  }
}
