package dev.cairn.monitor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of QEMU 7.2's migration capabilities, in the order {@code info migrate_capabilities}
 * prints them; a VM without a migration controller reports them all off.
 *
 * <p>Reference: QEMU {@code qapi/migration.json} ({@code MigrationCapability}).
 */
public final class MigrationCapabilities {

  public static final List<String> NAMES = List.of(
      "xbzrle", "rdma-pin-all", "auto-converge", "zero-blocks", "compress", "events",
      "postcopy-ram", "x-colo", "release-ram", "block", "return-path", "pause-before-switchover",
      "multifd", "dirty-bitmaps", "postcopy-blocktime", "late-block-activate", "x-ignore-shared",
      "validate-uuid", "background-snapshot", "zero-copy-send", "postcopy-preempt");

  private MigrationCapabilities() {}

  public static Map<String, Boolean> allOff() {
    Map<String, Boolean> caps = new LinkedHashMap<>();
    NAMES.forEach(name -> caps.put(name, false));
    return Collections.unmodifiableMap(caps);
  }
}
