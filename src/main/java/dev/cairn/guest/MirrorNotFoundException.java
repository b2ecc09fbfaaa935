package dev.cairn.guest;

/** No Debian archive mirror was given and none could be found in the host's apt configuration. */
public final class MirrorNotFoundException extends GuestBuildException {

  public MirrorNotFoundException(String message) {
    super(message);
  }
}
