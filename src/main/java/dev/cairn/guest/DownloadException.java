package dev.cairn.guest;

/** A file could not be fetched from the mirror (unreachable host, HTTP error, short read). */
public final class DownloadException extends GuestBuildException {

  public DownloadException(String message, Throwable cause) {
    super(message, cause);
  }

  public DownloadException(String message) {
    super(message);
  }
}
