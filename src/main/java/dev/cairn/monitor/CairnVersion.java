package dev.cairn.monitor;

/** Cairn's name and version as shown by the monitor banner and {@code info version}. */
public final class CairnVersion {

  /** Kept in step with the pom's version by hand (without its -SNAPSHOT suffix). */
  public static final String VERSION = "0.1.0";

  /** The first line every monitor prints, shaped like QEMU's so scripts that wait for it work. */
  public static final String MONITOR_BANNER =
      "Cairn " + VERSION + " monitor - type 'help' for more information";

  private CairnVersion() {}
}
