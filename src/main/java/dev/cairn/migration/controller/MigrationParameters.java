package dev.cairn.migration.controller;

import dev.cairn.machine.QemuSize;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tunable parameters of outgoing migration, with QEMU's names, defaults and ranges. Thread-safe:
 * a running migration reads them at every decision, so a change applies at once.
 *
 * <p>Reference: QEMU {@code qapi/migration.json} (MigrationParameters), {@code
 * migration/migration.c} (migrate_params_check).
 */
public final class MigrationParameters {

  /** QEMU's default pause for the final pass. */
  public static final long DEFAULT_DOWNTIME_LIMIT_MS = 300;
  /** QEMU's default bandwidth limit: 128 MiB/s. */
  public static final long DEFAULT_MAX_BANDWIDTH = 128L << 20;
  private static final long MAX_DOWNTIME_LIMIT_MS = 2_000_000;

  private volatile long downtimeLimitMillis = DEFAULT_DOWNTIME_LIMIT_MS;
  private volatile long maxBandwidth = DEFAULT_MAX_BANDWIDTH;
  private volatile int throttleTriggerThreshold = 50;
  private volatile int cpuThrottleInitial = 20;
  private volatile int cpuThrottleIncrement = 10;
  private volatile int maxCpuThrottle = 99;

  public long downtimeLimitMillis() {
    return downtimeLimitMillis;
  }

  /** Bytes per second; 0 means no limit. */
  public long maxBandwidth() {
    return maxBandwidth;
  }

  /** Dirtied bytes as a percentage of sent bytes above which auto-converge throttles. */
  public int throttleTriggerThreshold() {
    return throttleTriggerThreshold;
  }

  public int cpuThrottleInitial() {
    return cpuThrottleInitial;
  }

  public int cpuThrottleIncrement() {
    return cpuThrottleIncrement;
  }

  public int maxCpuThrottle() {
    return maxCpuThrottle;
  }

  /** Parameter values by QEMU name, in the order {@code info migrate_parameters} lists them. */
  public Map<String, Long> values() {
    Map<String, Long> values = new LinkedHashMap<>();
    values.put("throttle-trigger-threshold", (long) throttleTriggerThreshold);
    values.put("cpu-throttle-initial", (long) cpuThrottleInitial);
    values.put("cpu-throttle-increment", (long) cpuThrottleIncrement);
    values.put("max-cpu-throttle", (long) maxCpuThrottle);
    values.put("max-bandwidth", maxBandwidth);
    values.put("downtime-limit", downtimeLimitMillis);
    return values;
  }

  /**
   * Sets a parameter by its QEMU name to a number (bytes per second, milliseconds, percent).
   *
   * @throws MigrationException for an unknown name or a value out of QEMU's range, changing
   *     nothing
   */
  public synchronized void set(String name, long value) throws MigrationException {
    switch (name) {
      case "downtime-limit":
        downtimeLimitMillis = check(name, value, 0, MAX_DOWNTIME_LIMIT_MS);
        break;
      case "max-bandwidth":
        maxBandwidth = check(name, value, 0, Long.MAX_VALUE);
        break;
      case "throttle-trigger-threshold":
        throttleTriggerThreshold = (int) check(name, value, 1, 100);
        break;
      case "cpu-throttle-initial":
        cpuThrottleInitial = (int) check(name, value, 1, 99);
        break;
      case "cpu-throttle-increment":
        cpuThrottleIncrement = (int) check(name, value, 1, 99);
        break;
      case "max-cpu-throttle":
        maxCpuThrottle = (int) check(name, value, 1, 99);
        break;
      default:
        throw new MigrationException("Invalid parameter '" + name + "' (Cairn knows: "
            + String.join(", ", values().keySet()) + ")");
    }
  }

  /**
   * Sets a parameter from monitor text: {@code max-bandwidth} takes a size whose default unit is
   * MiB ({@code 100}, {@code 100M}, {@code 1G}, {@code 512K}, {@code 1000B}) as in QEMU's HMP;
   * the others take a plain integer.
   *
   * @throws MigrationException for a malformed number, an unknown name or a value out of range
   */
  public void set(String name, String text) throws MigrationException {
    set(name, name.equals("max-bandwidth") ? parseMebibytes(name, text) : parseInt(name, text));
  }

  private static long check(String name, long value, long min, long max)
      throws MigrationException {
    if (value < min || value > max) {
      throw new MigrationException(
          "Parameter '" + name + "' expects a value from " + min + " to " + max + ", not " + value);
    }
    return value;
  }

  private static long parseInt(String name, String text) throws MigrationException {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new MigrationException("Parameter '" + name + "' expects an integer, not '" + text
          + "'");
    }
  }

  private static long parseMebibytes(String name, String text) throws MigrationException {
    try {
      return QemuSize.parse(text, 1L << 20);
    } catch (IllegalArgumentException e) {
      throw new MigrationException(
          "Parameter '" + name + "' expects a size such as 100M or 1G, not '" + text + "'");
    }
  }
}
