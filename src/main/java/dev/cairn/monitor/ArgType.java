package dev.cairn.monitor;

import java.util.List;
import java.util.Locale;

/**
 * The type of one command parameter: what a value must look like and where completion finds
 * candidates. Written after a colon in the parameter text ({@code tag:tag}, {@code addr:addr}).
 *
 * <p>Reference: QEMU {@code monitor/hmp.c} ({@code args_type} letters {@code s}, {@code i},
 * {@code l}, {@code /}, {@code B}).
 */
public enum ArgType {
  /** Any word. */
  WORD,
  /** A signed 64-bit integer: decimal, or hexadecimal with {@code 0x}. */
  INT,
  /** An address expression: numbers and {@code $register}s joined by {@code +} or {@code -}. */
  ADDR,
  /** A snapshot tag; completes from the VM's snapshots. */
  TAG,
  /** A drive name ({@code virtio0}) or {@code all}; completes from the VM's drives. */
  DEVICE,
  /** A monitor command name; completes from the command table. */
  COMMAND;

  static ArgType named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown argument type '" + name + "'", e);
    }
  }

  /**
   * Checks one value of this type.
   *
   * @throws MonitorException naming the command and parameter when the value is malformed
   */
  void check(String command, String param, String value) throws MonitorException {
    if (this == INT) {
      parseLong(command, param, value);
    } else if (this == ADDR) {
      AddressExpression.checkSyntax(command, value);
    }
  }

  /** Parses an {@link #INT}: decimal, {@code 0x} hex, with an optional sign. */
  static long parseLong(String command, String param, String value) throws MonitorException {
    String s = value.strip();
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    try {
      long v;
      if (s.startsWith("0x") || s.startsWith("0X")) {
        v = Long.parseUnsignedLong(s.substring(2), 16);
      } else {
        v = Long.parseLong(s);
      }
      return negative ? -v : v;
    } catch (NumberFormatException e) {
      throw new MonitorException(
          command + ": '" + value + "' is not a number for '" + param + "'");
    }
  }

  /** The values completion offers for this type (unfiltered); empty when there is no list. */
  List<String> candidates(MonitorTarget target, CommandTable commands) {
    try {
      switch (this) {
        case TAG:
          return target.snapshots().stream().map(s -> s.tag()).toList();
        case DEVICE:
          List<String> names = new java.util.ArrayList<>(target.driveNames());
          names.add("all");
          return names;
        case COMMAND:
          return commands.commands().stream().map(MonitorCommand::name).toList();
        default:
          return List.of();
      }
    } catch (MonitorException | RuntimeException e) {
      // Completion is a convenience: a VM that cannot list its snapshots offers none.
      return List.of();
    }
  }
}
