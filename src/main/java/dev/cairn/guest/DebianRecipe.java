package dev.cairn.guest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the Debian trixie riscv64 guest (kernel Image, OpenSBI fw_dynamic.bin, busybox
 * initramfs) from Debian's own signed packages.
 *
 * <p>With a complete, verified cache nothing is fetched, not even InRelease; otherwise the
 * mirror is taken from the user, {@code $CAIRN_DEBIAN_MIRROR} or the host's apt configuration.
 */
public final class DebianRecipe {

  public static final String SUITE = "trixie";
  public static final String ARCH = "riscv64";

  private final Optional<String> mirror;
  private final Map<String, String> env;
  private final Path aptRoot;
  private final Path keyringDir;
  private final CacheLayout cache;
  private final boolean refresh;
  private final HttpFetcher http = new HttpFetcher();

  private DebianRecipe(Builder b) {
    this.mirror = Optional.ofNullable(b.mirror);
    this.env = b.env;
    this.aptRoot = b.aptRoot;
    this.keyringDir = b.keyringDir;
    this.cache = b.cacheDir != null ? new CacheLayout(b.cacheDir) : CacheLayout.forUser(b.env);
    this.refresh = b.refresh;
  }

  /** A recipe with the host's defaults: apt config under /, keys in /usr/share/keyrings. */
  public static DebianRecipe create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The kernel command line this guest is meant to boot with. */
  public static String defaultKernelCommandLine() {
    return GuestResources.kernelCommandLine();
  }

  /** Where this recipe caches packages and images. */
  public CacheLayout cache() {
    return cache;
  }

  /** HTTP requests made so far by this recipe (zero for a run served from the cache). */
  public long networkRequests() {
    return http.requestCount();
  }

  /**
   * Returns the guest images, building (and downloading) only what the cache lacks.
   *
   * @throws GuestBuildException with a message for the user when something cannot be done
   */
  public GuestImages build(ProgressListener progress, CancelToken cancel)
      throws GuestBuildException {
    ImageBuilder images = new ImageBuilder(cache.images());
    DebCache debs = new DebCache(cache.debs());
    Optional<ResolvedPackages> known =
        refresh ? Optional.empty() : ResolvedPackages.load(cache.resolvedPackages());
    if (known.isPresent()) {
      Optional<GuestImages> built = images.existing(known.get());
      if (built.isPresent()) {
        progress.progress("guest images ready (cached)", 1, 1);
        return built.get();
      }
      if (allCached(known.get(), debs, progress)) {
        return images.build(known.get(), debs, progress, cancel);
      }
    }
    ResolvedPackages resolved = resolveOnline(progress, cancel);
    URI mirrorUri = locateMirror();
    for (PackageRecord p : resolved.all()) {
      debs.fetch(p, mirrorUri, http, progress, cancel);
    }
    try {
      resolved.save(cache.resolvedPackages());
      debs.retainOnly(resolved.all());
    } catch (IOException e) {
      throw new GuestBuildException("Cannot write to the cache directory " + cache.root() + ": "
          + e.getMessage() + ". Check its permissions and free space.", e);
    }
    Optional<GuestImages> built = images.existing(resolved);
    return built.isPresent() ? built.get() : images.build(resolved, debs, progress, cancel);
  }

  private boolean allCached(ResolvedPackages packages, DebCache debs, ProgressListener progress)
      throws GuestBuildException {
    progress.progress("checking cached packages", 0, -1);
    try {
      for (PackageRecord p : packages.all()) {
        if (!debs.isValid(p)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new GuestBuildException("Cannot read the cache directory " + cache.debs() + ": "
          + e.getMessage() + ". Check its permissions.", e);
    }
  }

  private ResolvedPackages resolveOnline(ProgressListener progress, CancelToken cancel)
      throws GuestBuildException {
    List<Path> keyrings;
    try {
      keyrings = ReleaseSignatureVerifier.defaultKeyrings(keyringDir);
    } catch (IOException e) {
      throw new ReleaseSignatureException("Cannot list the keyrings in " + keyringDir + ": "
          + e.getMessage(), e);
    }
    return new PackageResolver(locateMirror(), SUITE, ARCH, keyrings, http)
        .resolve(progress, cancel);
  }

  private URI locateMirror() throws MirrorNotFoundException {
    return new MirrorLocator(mirror, env, aptRoot).locate();
  }

  /** Options for a {@link DebianRecipe}; all have host defaults. */
  public static final class Builder {
    private String mirror;
    private Map<String, String> env = System.getenv();
    private Path aptRoot = Path.of("/");
    private Path keyringDir = Path.of("/usr/share/keyrings");
    private Path cacheDir;
    private boolean refresh;

    private Builder() {}

    /** A Debian mirror URL that overrides $CAIRN_DEBIAN_MIRROR and the apt configuration. */
    public Builder mirror(String url) {
      this.mirror = url;
      return this;
    }

    /** Environment to read CAIRN_DEBIAN_MIRROR and XDG_CACHE_HOME from. */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** Root under which etc/apt is read (tests point this at fixtures). */
    public Builder aptRoot(Path root) {
      this.aptRoot = root;
      return this;
    }

    /** Directory with debian-archive-keyring.gpg and debian-archive-trixie-*.gpg. */
    public Builder keyringDir(Path dir) {
      this.keyringDir = dir;
      return this;
    }

    /** Cache root instead of $XDG_CACHE_HOME/cairn or ~/.cache/cairn. */
    public Builder cacheDir(Path dir) {
      this.cacheDir = dir;
      return this;
    }

    /** Re-read the mirror's index even when the cache is complete (to pick up updates). */
    public Builder refresh(boolean refresh) {
      this.refresh = refresh;
      return this;
    }

    public DebianRecipe build() {
      return new DebianRecipe(this);
    }
  }
}
