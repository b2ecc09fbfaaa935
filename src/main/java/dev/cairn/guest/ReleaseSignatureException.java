package dev.cairn.guest;

/** The mirror's InRelease file is not validly signed by a trusted Debian archive key. */
public final class ReleaseSignatureException extends GuestBuildException {

  public ReleaseSignatureException(String message) {
    super(message);
  }

  public ReleaseSignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
