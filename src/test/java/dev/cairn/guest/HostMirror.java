package dev.cairn.guest;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The Debian mirror of this machine's apt configuration, for tests that need the network. */
final class HostMirror {

  private static byte[] inRelease;

  private HostMirror() {}

  static URI uri() throws MirrorNotFoundException {
    return new MirrorLocator(Optional.empty(), Map.of(), Path.of("/")).locate();
  }

  /** trixie's InRelease, downloaded once per test run through the project's own fetcher. */
  static synchronized byte[] inRelease() throws GuestBuildException {
    if (inRelease == null) {
      inRelease = new HttpFetcher().fetchBytes(uri().resolve("dists/trixie/InRelease"),
          "InRelease", ProgressListener.NONE, CancelToken.none());
    }
    return inRelease.clone();
  }
}
