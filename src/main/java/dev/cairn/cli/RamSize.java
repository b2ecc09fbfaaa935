package dev.cairn.cli;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * QEMU's {@code -m} size: a plain number is MiB; a suffix B, K, M, G, T (either case) gives the
 * unit, and a fraction is allowed with a suffix ({@code 1.5G}).
 *
 * <p>Reference: QEMU {@code softmmu/vl.c} ({@code parse_memory_options}) and {@code util/cutils.c}
 * ({@code qemu_strtosz}).
 */
final class RamSize {

  private static final long PAGE = 4096;

  private RamSize() {}

  /**
   * Returns the size in bytes, rounded up to a whole 4 KiB page (QEMU rounds up too).
   *
   * @throws CliException naming the text when it is not a size or is zero
   */
  static long parse(String text) throws CliException {
    String s = text.trim();
    if (s.isEmpty()) {
      throw bad(text);
    }
    char last = Character.toUpperCase(s.charAt(s.length() - 1));
    long unit;
    String number = s.substring(0, s.length() - 1);
    switch (last) {
      case 'B':
        unit = 1;
        break;
      case 'K':
        unit = 1L << 10;
        break;
      case 'M':
        unit = 1L << 20;
        break;
      case 'G':
        unit = 1L << 30;
        break;
      case 'T':
        unit = 1L << 40;
        break;
      default:
        unit = 1L << 20;
        number = s;
        if (!number.chars().allMatch(Character::isDigit)) {
          throw bad(text);
        }
    }
    if (number.isEmpty() || !number.matches("[0-9]+(\\.[0-9]+)?")) {
      throw bad(text);
    }
    BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
    if (bytes.signum() == 0) {
      throw new CliException("-m " + text + ": RAM size must be greater than zero");
    }
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE - PAGE)) > 0) {
      throw new CliException("-m " + text + ": RAM size is too large");
    }
    long value = bytes.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    return (value + PAGE - 1) / PAGE * PAGE;
  }

  private static CliException bad(String text) {
    return new CliException(
        String.format(
            Locale.ROOT,
            "-m %s: invalid RAM size (give MiB as a plain number, or a size such as 512M or 2G)",
            text));
  }
}
