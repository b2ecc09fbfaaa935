package dev.cairn.e2e;

import dev.cairn.guest.CancelToken;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestBuildException;
import dev.cairn.guest.GuestImages;
import dev.cairn.guest.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Debian guest images, obtained through the project's own recipe so that these tests
 * also prove the recipe's output boots. The first run on a fresh machine downloads and builds
 * them into the user cache; later runs (and later test classes in the same JVM) reuse them.
 */
final class GuestImagesFixture {

  /** Set to true to leave out every test that needs the real guest (and so the network). */
  static final String SKIP_PROPERTY = "cairn.skipGuestTests";

  private static GuestImages images;

  private GuestImagesFixture() {}

  /**
   * Skips the calling test class when {@code -Dcairn.skipGuestTests=true}; this is the only
   * reason a guest test may be skipped.
   */
  static void assumeGuestTestsWanted() {
    Assumptions.assumeFalse(
        Boolean.getBoolean(SKIP_PROPERTY),
        "real-guest tests skipped by -D" + SKIP_PROPERTY + "=true");
  }

  /** The kernel, firmware and initramfs, built (or found in the cache) once per JVM. */
  static synchronized GuestImages images() throws GuestBuildException {
    assumeGuestTestsWanted();
    if (images == null) {
      images = DebianRecipe.create().build(new PhaseLogger(), CancelToken.none());
    }
    return images;
  }

  /** MD5 of {@code data} in the lowercase hex that busybox md5sum prints. */
  static String md5(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has MD5", e);
    }
  }

  /** A resource the build copies from the project's {@code resources/} directory. */
  static byte[] shippedResource(String path) {
    try (InputStream in = GuestImagesFixture.class.getResourceAsStream("/dev/cairn/" + path)) {
      if (in == null) {
        throw new AssertionError("resources/" + path + " is not on the test classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Prints each build phase once: a first run downloads about 115 MB, and a silent test run of
   * several minutes would look hung.
   */
  private static final class PhaseLogger implements ProgressListener {
    private String lastPhase;

    @Override
    public void progress(String phase, long done, long total) {
      if (!phase.equals(lastPhase)) {
        lastPhase = phase;
        System.out.println("guest images: " + phase);
      }
    }
  }
}
