package dev.cairn.guest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Chooses the Debian mirror: the user's URL, else $CAIRN_DEBIAN_MIRROR, else apt's config. */
public final class MirrorLocator {

  /** Environment variable that overrides the mirror found in the apt configuration. */
  public static final String ENV_MIRROR = "CAIRN_DEBIAN_MIRROR";

  private final Optional<String> userMirror;
  private final Map<String, String> env;
  private final Path aptRoot;

  public MirrorLocator(Optional<String> userMirror, Map<String, String> env, Path aptRoot) {
    this.userMirror = userMirror;
    this.env = env;
    this.aptRoot = aptRoot;
  }

  /** The mirror root URI, always ending in '/'. */
  public URI locate() throws MirrorNotFoundException {
    if (userMirror.isPresent() && !userMirror.get().isBlank()) {
      return normalise(userMirror.get(), "the mirror URL given");
    }
    String fromEnv = env.get(ENV_MIRROR);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return normalise(fromEnv, "$" + ENV_MIRROR);
    }
    Optional<URI> fromApt;
    try {
      fromApt = new AptSources(aptRoot).debianArchive();
    } catch (IOException e) {
      throw new MirrorNotFoundException("Could not read the apt configuration under "
          + aptRoot.resolve("etc/apt") + " (" + e.getMessage() + "). Pass a Debian mirror URL"
          + " or set $" + ENV_MIRROR + ".");
    }
    return normalise(fromApt.orElseThrow(() -> new MirrorNotFoundException(
        "No Debian archive found in " + aptRoot.resolve("etc/apt")
            + " (looked for an enabled 'deb' http(s) source with component 'main' and a Debian"
            + " suite such as bookworm or trixie). Pass a Debian mirror URL or set $"
            + ENV_MIRROR + " to one.")).toString(), "the apt configuration");
  }

  private static URI normalise(String text, String origin) throws MirrorNotFoundException {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new MirrorNotFoundException(
          "The Debian mirror from " + origin + " is not a valid URL: '" + text + "'.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new MirrorNotFoundException("The Debian mirror from " + origin
          + " must be an http:// or https:// URL, got '" + text + "'.");
    }
    String s = uri.toString();
    return URI.create(s.endsWith("/") ? s : s + "/");
  }
}
