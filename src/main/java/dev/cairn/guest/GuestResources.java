package dev.cairn.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The files shipped in resources/guest/: the /init script, release text and command line. */
public final class GuestResources {

  private GuestResources() {}

  /** The initramfs /init shell script. */
  public static byte[] init() {
    return load("init");
  }

  /** Known text stored as /etc/cairn-release, for tests to checksum inside the guest. */
  public static byte[] release() {
    return load("cairn-release");
  }

  /** The default kernel command line for this guest, e.g. "console=ttyS0 earlycon=sbi". */
  public static String kernelCommandLine() {
    return new String(load("cmdline"), StandardCharsets.UTF_8).trim();
  }

  private static byte[] load(String name) {
    try (InputStream in = GuestResources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource dev/cairn/guest/" + name
            + " is missing from the build; rebuild Cairn");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
