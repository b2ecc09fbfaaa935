package dev.cairn.memory;

/** The consumers of the dirty log; each has its own bitmap, harvested independently by {@link DirtyLog#sync}. */
public enum DirtyClient {
  /** Live migration and live snapshots: pages to (re)send. */
  MIGRATION,
  /** The display: framebuffer pages the guest wrote since the last refresh. */
  DISPLAY,
  /** Statistics: how many pages the guest dirties per second (the GUI's Details chart). */
  STATISTICS
}
