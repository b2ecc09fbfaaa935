package dev.cairn.machine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sizes as QEMU's users write them ({@code -m 2G}, {@code qemu-img create f.qcow2 10G},
 * {@code migrate_set_parameter max-bandwidth 100M}): a decimal number and an optional suffix B, K,
 * M, G, T, P or E (either case; powers of 1024). Without a suffix the number counts a default
 * unit that depends on the place (MiB for RAM and bandwidth, bytes for images). A fraction needs a
 * suffix ({@code 1.5G}); the result is rounded up to a whole byte.
 *
 * <p>Reference: QEMU {@code util/cutils.c} ({@code qemu_strtosz}, {@code qemu_strtosz_MiB}).
 */
public final class QemuSize {

  private static final String SUFFIXES = "BKMGTPE";

  private QemuSize() {}

  /** A well-formed size of 2^63 bytes or more. */
  public static final class TooLargeException extends IllegalArgumentException {
    TooLargeException(String message) {
      super(message);
    }
  }

  /**
   * Returns the size in bytes.
   *
   * @param defaultUnit bytes per unit of a number without a suffix
   * @throws IllegalArgumentException when the text is not such a size
   * @throws TooLargeException when it is one of 2^63 bytes or more
   */
  public static long parse(String text, long defaultUnit) {
    String number = text.strip();
    long unit = defaultUnit;
    boolean suffixed = false;
    if (!number.isEmpty()) {
      int power = SUFFIXES.indexOf(Character.toUpperCase(number.charAt(number.length() - 1)));
      if (power >= 0) {
        unit = 1L << (10 * power);
        suffixed = true;
        number = number.substring(0, number.length() - 1);
      }
    }
    if (!number.matches(suffixed ? "[0-9]+(\\.[0-9]+)?" : "[0-9]+")) {
      throw new IllegalArgumentException("'" + text + "' is not a size");
    }
    BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new TooLargeException("'" + text + "' is too large");
    }
    return bytes.setScale(0, RoundingMode.CEILING).longValueExact();
  }
}
