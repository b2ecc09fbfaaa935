package dev.cairn.cli;

import dev.cairn.machine.QemuSize;
import java.util.Locale;

/**
 * QEMU's {@code -m} size ({@link QemuSize} with MiB as the default unit), at least one page.
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
    long bytes;
    try {
      bytes = QemuSize.parse(text, 1L << 20);
    } catch (QemuSize.TooLargeException e) {
      throw new CliException("-m " + text + ": RAM size is too large");
    } catch (IllegalArgumentException e) {
      throw bad(text);
    }
    if (bytes == 0) {
      throw new CliException("-m " + text + ": RAM size must be greater than zero");
    }
    if (bytes > Long.MAX_VALUE - PAGE) {
      throw new CliException("-m " + text + ": RAM size is too large");
    }
    return (bytes + PAGE - 1) / PAGE * PAGE;
  }

  private static CliException bad(String text) {
    return new CliException(
        String.format(
            Locale.ROOT,
            "-m %s: invalid RAM size (give MiB as a plain number, or a size such as 512M or 2G)",
            text));
  }
}
