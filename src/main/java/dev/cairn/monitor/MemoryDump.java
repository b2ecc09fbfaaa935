package dev.cairn.monitor;

import dev.cairn.memory.GuestRam;
import dev.cairn.monitor.GuestInspector.HartSnapshot;

/**
 * {@code x /fmt addr} (virtual) and {@code xp /fmt addr} (physical): QEMU's memory dump, where
 * {@code /fmt} is {@code /Nfu} with N a count, f a format ({@code x} hex, {@code d} signed,
 * {@code u} unsigned, {@code o} octal, {@code c} char) and u a unit ({@code b} 1, {@code h} 2,
 * {@code w} 4, {@code g} 8 bytes). Output lines look exactly like QEMU's.
 *
 * <p>Reference: QEMU {@code monitor/hmp-cmds.c}/{@code monitor/misc.c} ({@code memory_dump},
 * {@code get_format}, {@code monitor_printc}).
 */
final class MemoryDump {

  /** Bigger dumps are refused: a mistyped count must not flood the monitor for minutes. */
  static final int MAX_BYTES = 64 * 1024;

  /** A parsed {@code /Nfu}. */
  record Format(int count, char format, int size) {
    static final Format DEFAULT = new Format(1, 'x', 4);
  }

  private MemoryDump() {}

  static Outcome virtual(Invocation call) throws MonitorException {
    return dump(call, "x", false);
  }

  static Outcome physical(Invocation call) throws MonitorException {
    return dump(call, "xp", true);
  }

  private static Outcome dump(Invocation call, String name, boolean physical)
      throws MonitorException {
    Format format = parseFormat(name, call.arg("/fmt"));
    GuestInspector inspector = call.target().inspector();
    String addrText = call.arg("addr");
    // One snapshot for registers and the mapping, so the whole dump belongs to one instant.
    HartSnapshot hart = addrText.contains("$") || !physical ? inspector.hart() : null;
    long address = AddressExpression.evaluate(name, addrText,
        r -> hart == null ? null : InfoCommands.register(hart, r));
    call.out().append(format(format, address, physical ? null : hart, inspector));
    return Outcome.DONE;
  }

  /**
   * Parses {@code /Nfu}; null means the defaults.
   *
   * @throws MonitorException for letters that are neither a format nor a unit, or a count that
   *     would dump more than {@link #MAX_BYTES}
   */
  static Format parseFormat(String command, String text) throws MonitorException {
    if (text == null) {
      return Format.DEFAULT;
    }
    int i = 1;
    long count = 0;
    boolean counted = false;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      count = Math.min(count * 10 + (text.charAt(i++) - '0'), Integer.MAX_VALUE);
      counted = true;
    }
    char format = 'x';
    int size = -1;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case 'x', 'd', 'u', 'o', 'c' -> format = c;
        case 'b' -> size = 1;
        case 'h' -> size = 2;
        case 'w' -> size = 4;
        case 'g' -> size = 8;
        case 'i' -> throw new MonitorException(
            command + ": format 'i' (disassembly) is not available in Cairn");
        default -> throw new MonitorException("invalid char in format: '" + c + "'");
      }
    }
    if (format == 'c') {
      size = 1;
    } else if (size < 0) {
      size = 4;
    }
    int n = counted ? (int) count : 1;
    if ((long) n * size > MAX_BYTES) {
      throw new MonitorException(
          command + ": at most " + MAX_BYTES + " bytes can be dumped at a time");
    }
    return new Format(n, format, size);
  }

  /**
   * The dump text, one line per 16 bytes (8 for characters), as QEMU prints it.
   *
   * @param hart the state whose mapping translates virtual addresses; null for physical ones
   */
  static String format(Format f, long address, HartSnapshot hart, GuestInspector inspector) {
    StringBuilder out = new StringBuilder();
    int lineSize = f.format() == 'c' ? 8 : 16;
    long remaining = (long) f.count() * f.size();
    long addr = address;
    while (remaining > 0) {
      out.append(String.format("%016x:", addr));
      int l = (int) Math.min(remaining, lineSize);
      byte[] buf = new byte[l];
      if (!read(inspector, addr, buf, hart)) {
        out.append(" Cannot access memory\n");
        break;
      }
      for (int i = 0; i < l; i += f.size()) {
        out.append(' ').append(item(f, buf, i));
      }
      out.append('\n');
      addr += l;
      remaining -= l;
    }
    return out.toString();
  }

  private static boolean read(GuestInspector inspector, long addr, byte[] buf, HartSnapshot hart) {
    int done = 0;
    while (done < buf.length) {
      long at = addr + done;
      int inPage = (int) Math.min(buf.length - done, GuestRam.PAGE_SIZE - (at & GuestRam.PAGE_MASK));
      long pa;
      try {
        pa = hart == null ? at : inspector.translate(hart, at);
      } catch (MonitorException e) {
        return false;
      }
      byte[] part = new byte[inPage];
      if (inspector.readPhysical(pa, part) < inPage) {
        return false;
      }
      System.arraycopy(part, 0, buf, done, inPage);
      done += inPage;
    }
    return true;
  }

  private static String item(Format f, byte[] buf, int offset) {
    long v = 0;
    for (int b = f.size() - 1; b >= 0; b--) {
      v = (v << 8) | (buf[offset + b] & 0xff);
    }
    int bits = f.size() * 8;
    switch (f.format()) {
      case 'c':
        return printable((int) v);
      case 'o':
        return String.format("%#" + (bits + 2) / 3 + "o", v);
      case 'u':
        return String.format("%" + (bits * 10 + 32) / 33 + "s", Long.toUnsignedString(v));
      case 'd':
        long signed = bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
        return String.format("%" + (bits * 10 + 32) / 33 + "d", signed);
      default:
        return String.format("0x%0" + bits / 4 + "x", v);
    }
  }

  /** QEMU's {@code monitor_printc}. */
  private static String printable(int c) {
    switch (c) {
      case '\'':
        return "'\\''";
      case '\\':
        return "'\\\\'";
      case '\n':
        return "'\\n'";
      case '\r':
        return "'\\r'";
      default:
        return c >= 32 && c <= 126 ? "'" + (char) c + "'" : String.format("'\\x%02x'", c);
    }
  }
}
