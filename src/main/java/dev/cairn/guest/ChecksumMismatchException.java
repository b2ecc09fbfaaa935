package dev.cairn.guest;

/** A downloaded file's size or SHA-256 differs from what the signed index promises. */
public final class ChecksumMismatchException extends GuestBuildException {

  public ChecksumMismatchException(String message) {
    super(message);
  }
}
