package dev.cairn.guest;

/** A flag another thread sets to stop a running build at the next chunk boundary. */
public final class CancelToken {

  private volatile boolean cancelled;

  /** A token nobody cancels, for callers that do not offer cancellation. */
  public static CancelToken none() {
    return new CancelToken();
  }

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws if {@link #cancel()} was called; long loops call this between chunks. */
  public void check() throws BuildCancelledException {
    if (cancelled) {
      throw new BuildCancelledException();
    }
  }
}
