package dev.cairn.guest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.tukaani.xz.XZInputStream;

/**
 * Online half of the recipe: fetches and verifies the suite's InRelease and Packages index, then
 * resolves the kernel, busybox and OpenSBI packages in it.
 */
public final class PackageResolver {

  static final String KERNEL_META = "linux-image-riscv64";
  static final String KERNEL_PREFIX = "linux-image-";
  static final String BUSYBOX = "busybox-static";
  static final String OPENSBI = "opensbi";

  private final URI mirror;
  private final String suite;
  private final String arch;
  private final List<Path> keyrings;
  private final HttpFetcher http;

  public PackageResolver(URI mirror, String suite, String arch, List<Path> keyrings,
      HttpFetcher http) {
    this.mirror = mirror;
    this.suite = suite;
    this.arch = arch;
    this.keyrings = keyrings;
    this.http = http;
  }

  /** Downloads the signed indexes and picks the three packages. */
  public ResolvedPackages resolve(ProgressListener progress, CancelToken cancel)
      throws GuestBuildException {
    URI dists = mirror.resolve("dists/" + suite + "/");
    byte[] inRelease = http.fetchBytes(dists.resolve("InRelease"),
        "downloading " + suite + " InRelease", progress, cancel);
    progress.progress("checking the InRelease signature", 0, -1);
    ReleaseIndex release = ReleaseIndex.verifyAndParse(
        inRelease, new ReleaseSignatureVerifier(keyrings), suite);
    PackageIndex index = new PackageIndex();
    load(index, release, dists, "main/binary-" + arch + "/Packages.xz", progress, cancel);
    if (index.find(OPENSBI).isEmpty() && !release.allInArchPackages()) {
      // OpenSBI is Architecture: all; older archives list those only in binary-all.
      load(index, release, dists, "main/binary-all/Packages.xz", progress, cancel);
    }
    PackageRecord kernel = index.followMetapackage(KERNEL_META, KERNEL_PREFIX);
    return new ResolvedPackages(kernel, index.require(BUSYBOX), index.require(OPENSBI));
  }

  private void load(PackageIndex index, ReleaseIndex release, URI dists, String path,
      ProgressListener progress, CancelToken cancel) throws GuestBuildException {
    ExpectedFile expected = release.file(path).orElseThrow(() -> new GuestBuildException(
        "The signed InRelease for " + suite + " does not list " + path + "; the mirror does"
            + " not carry " + arch + "."));
    byte[] xz = http.fetchBytes(dists.resolve(path), "downloading " + path, expected.size(),
        expected.size(), progress, cancel);
    String actual = Sha256.hex(xz);
    if (xz.length != expected.size() || !actual.equals(expected.sha256())) {
      throw new ChecksumMismatchException("Refusing " + dists.resolve(path) + ": got "
          + xz.length + " bytes with SHA-256 " + actual + " but InRelease promises "
          + expected.size() + " bytes with SHA-256 " + expected.sha256()
          + ". The mirror is out of sync; try again later or use another mirror.");
    }
    progress.progress("reading " + path, 0, -1);
    try (InputStream in = new XZInputStream(new ByteArrayInputStream(xz))) {
      index.addAll(in);
    } catch (IOException e) {
      throw new GuestBuildException("Cannot decompress " + path + " although its checksum"
          + " matched: " + e.getMessage(), e);
    }
  }
}
