package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseSignatureTest {

  private static final Path KEYRINGS = Path.of("/usr/share/keyrings");

  @TempDir static Path dir;
  private static PGPKeyPair key;
  private static Path keyring;

  @BeforeAll
  static void makeTestKey() throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    kpg.initialize(2048);
    key = new JcaPGPKeyPair(4, PublicKeyAlgorithmTags.RSA_GENERAL, kpg.generateKeyPair(),
        new Date());
    PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, key,
        "Cairn test <test@example.invalid>",
        new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1), null,
        null, new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL,
            HashAlgorithmTags.SHA256), null);
    keyring = dir.resolve("test.gpg");
    Files.write(keyring, gen.generatePublicKeyRing().getEncoded());
  }

  /** Clear-signs {@code shown} with a signature over the hand-written canonical form. */
  private static byte[] clearSign(String shown, String canonical) throws Exception {
    PGPSignatureGenerator sg = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(
        PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256), key.getPublicKey());
    sg.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, key.getPrivateKey());
    sg.update(canonical.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream armored = new ByteArrayOutputStream();
    try (ArmoredOutputStream aos = new ArmoredOutputStream(armored)) {
      sg.generate().encode(aos);
    }
    String text = "-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n\r\n" + shown
        + armored.toString(StandardCharsets.US_ASCII);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ReleaseSignatureVerifier testVerifier() {
    return new ReleaseSignatureVerifier(List.of(keyring));
  }

  @Test
  void clearSignedTextRulesDashEscapingTrailingWhitespaceAndCrlfAreApplied() throws Exception {
    String shown = "Origin: Test   \r\n- -----not armor\r\n- plain dash-escaped\r\nlast\t \r\n";
    String canonical = "Origin: Test\r\n-----not armor\r\nplain dash-escaped\r\nlast";
    ClearSignedMessage m = ClearSignedMessage.parse(clearSign(shown, canonical));
    assertEquals("Origin: Test   \n-----not armor\nplain dash-escaped\nlast\t ", m.text());
    assertArrayEquals(canonical.getBytes(StandardCharsets.UTF_8), m.canonicalText());
    assertEquals(1, testVerifier().verify(m).size());
  }

  @Test
  void aChangedLineInASignedMessageFailsVerification() throws Exception {
    String canonical = "Codename: trixie\r\nSHA256:\r\n abc 1 x";
    byte[] good = clearSign("Codename: trixie\nSHA256:\n abc 1 x\n", canonical);
    testVerifier().verify(ClearSignedMessage.parse(good));
    byte[] bad = new String(good, StandardCharsets.UTF_8).replace("abc 1", "abd 1")
        .getBytes(StandardCharsets.UTF_8);
    assertThrows(ReleaseSignatureException.class,
        () -> testVerifier().verify(ClearSignedMessage.parse(bad)));
  }

  @Test
  void aSignatureByAnUnknownKeyIsRefused() throws Exception {
    byte[] msg = clearSign("hello\n", "hello");
    ReleaseSignatureException e = assertThrows(ReleaseSignatureException.class,
        () -> new ReleaseSignatureVerifier(ReleaseSignatureVerifier.defaultKeyrings(KEYRINGS))
            .verify(ClearSignedMessage.parse(msg)));
    assertTrue(e.getMessage().contains("key not in the trusted keyrings"), e.getMessage());
  }

  @Test
  void aFileThatIsNotClearSignedIsRefusedWithAnExplanation() {
    ReleaseSignatureException e = assertThrows(ReleaseSignatureException.class,
        () -> ClearSignedMessage.parse("<html>captive portal</html>".getBytes(
            StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("clear-signed"), e.getMessage());
  }

  @Test
  void theRealTrixieInReleaseVerifiesAgainstTheHostsDebianKeyrings() throws Exception {
    List<Path> rings = ReleaseSignatureVerifier.defaultKeyrings(KEYRINGS);
    assertTrue(rings.contains(KEYRINGS.resolve("debian-archive-keyring.gpg")), rings.toString());
    ReleaseIndex index = ReleaseIndex.verifyAndParse(HostMirror.inRelease(),
        new ReleaseSignatureVerifier(rings), "trixie");
    assertEquals("trixie", index.codename());
    assertTrue(index.file("main/binary-riscv64/Packages.xz").isPresent());
  }

  @Test
  void aTamperedCopyOfTheRealInReleaseFailsVerification() throws Exception {
    byte[] data = HostMirror.inRelease();
    String text = new String(data, StandardCharsets.US_ASCII);
    int line = text.indexOf("main/binary-riscv64/Packages.xz", text.indexOf("\nSHA256:"));
    int hashStart = text.lastIndexOf('\n', line) + 2;
    data[hashStart] = (byte) (data[hashStart] == '0' ? '1' : '0');
    assertFalse(new String(data, StandardCharsets.US_ASCII).equals(text));
    List<Path> rings = ReleaseSignatureVerifier.defaultKeyrings(KEYRINGS);
    ReleaseSignatureException e = assertThrows(ReleaseSignatureException.class,
        () -> ReleaseIndex.verifyAndParse(data, new ReleaseSignatureVerifier(rings), "trixie"));
    assertTrue(e.getMessage().contains("not validly signed"), e.getMessage());
  }

  @Test
  void aValidInReleaseForAnotherSuiteIsRefused() throws Exception {
    List<Path> rings = ReleaseSignatureVerifier.defaultKeyrings(KEYRINGS);
    ReleaseSignatureException e = assertThrows(ReleaseSignatureException.class,
        () -> ReleaseIndex.verifyAndParse(HostMirror.inRelease(),
            new ReleaseSignatureVerifier(rings), "forky"));
    assertTrue(e.getMessage().contains("codename 'trixie'"), e.getMessage());
  }
}
