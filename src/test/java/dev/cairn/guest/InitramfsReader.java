package dev.cairn.guest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;

/** Test helper: lists a gzip newc initramfs with commons-compress's reader. */
final class InitramfsReader {

  /** One archive member. */
  record Member(CpioArchiveEntry entry, byte[] content) {}

  private InitramfsReader() {}

  static Map<String, Member> read(byte[] gz) throws IOException {
    Map<String, Member> out = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz));
        CpioArchiveInputStream cpio = new CpioArchiveInputStream(in)) {
      CpioArchiveEntry e;
      while ((e = cpio.getNextEntry()) != null) {
        out.put(e.getName(), new Member(e, cpio.readAllBytes()));
      }
    }
    return out;
  }

  static Map<String, Member> read(Path gz) throws IOException {
    return read(Files.readAllBytes(gz));
  }
}
