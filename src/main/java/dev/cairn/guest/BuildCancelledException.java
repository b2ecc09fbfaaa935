package dev.cairn.guest;

/** The user cancelled the build; nothing half-written was left in the cache. */
public final class BuildCancelledException extends GuestBuildException {

  public BuildCancelledException() {
    super("building the guest images was cancelled");
  }
}
