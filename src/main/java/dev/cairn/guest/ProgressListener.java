package dev.cairn.guest;

/** Receives progress of a guest build: the current phase and bytes done out of a total. */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = (phase, done, total) -> { };

  /**
   * Reports progress.
   *
   * @param phase short human-readable text, e.g. "downloading busybox-static"
   * @param done bytes (or steps) done in this phase
   * @param total bytes (or steps) in this phase, or -1 when unknown
   */
  void progress(String phase, long done, long total);
}
