package dev.cairn.migration.controller;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The migration capabilities Cairn implements, with QEMU's names. Thread-safe; they may not change
 * while a migration runs (as in QEMU).
 *
 * <p>Reference: QEMU {@code qapi/migration.json} (MigrationCapability).
 */
public final class MigrationCapabilities {

  private volatile boolean autoConverge;
  private volatile boolean events;

  /** Throttle the vCPU when the guest dirties memory faster than the link carries it. */
  public boolean autoConverge() {
    return autoConverge;
  }

  /** Whether MIGRATION events are sent to QMP clients. */
  public boolean events() {
    return events;
  }

  /** Capability states by QEMU name, in the order {@code info migrate_capabilities} lists them. */
  public Map<String, Boolean> values() {
    Map<String, Boolean> values = new LinkedHashMap<>();
    values.put("auto-converge", autoConverge);
    values.put("events", events);
    return values;
  }

  /** Sets a capability by its QEMU name. */
  synchronized void set(String name, boolean on) throws MigrationException {
    switch (name) {
      case "auto-converge":
        autoConverge = on;
        break;
      case "events":
        events = on;
        break;
      default:
        throw new MigrationException("Invalid capability '" + name + "' (Cairn knows: "
            + String.join(", ", values().keySet()) + ")");
    }
  }
}
