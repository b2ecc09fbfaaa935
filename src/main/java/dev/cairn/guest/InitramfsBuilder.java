package dev.cairn.guest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * Builds a gzip-compressed "newc" cpio archive as the Linux kernel unpacks into its initramfs.
 *
 * <p>Entries keep the order they are added, and every parent directory is emitted before its
 * contents, since the kernel creates files in archive order. All files belong to root and carry
 * one fixed timestamp so the same inputs give the same archive.
 */
public final class InitramfsBuilder {

  private final List<Item> items = new ArrayList<>();
  private final Set<String> directories = new LinkedHashSet<>();
  private final long mtime;

  /** @param mtime modification time (seconds since the epoch) stamped on every entry */
  public InitramfsBuilder(long mtime) {
    this.mtime = mtime;
  }

  private record Item(String path, long mode, byte[] data, int rdevMajor, int rdevMinor) {}

  /** Adds a directory (and its parents) with permission bits {@code perm}, e.g. 0755. */
  public InitramfsBuilder directory(String path, int perm) {
    String p = relative(path);
    if (p.isEmpty() || directories.contains(p)) {
      return this;
    }
    parents(p);
    directories.add(p);
    items.add(new Item(p, CpioConstants.C_ISDIR | perm, new byte[0], 0, 0));
    return this;
  }

  /** Adds a regular file. */
  public InitramfsBuilder file(String path, byte[] content, int perm) {
    String p = relative(path);
    parents(p);
    items.add(new Item(p, CpioConstants.C_ISREG | perm, content, 0, 0));
    return this;
  }

  /** Adds a symbolic link {@code path} pointing at {@code target}. */
  public InitramfsBuilder symlink(String path, String target) {
    String p = relative(path);
    parents(p);
    items.add(new Item(p, CpioConstants.C_ISLNK | 0777,
        target.getBytes(StandardCharsets.UTF_8), 0, 0));
    return this;
  }

  /** Adds a character device node, e.g. /dev/console as 5:1. */
  public InitramfsBuilder charDevice(String path, int perm, int major, int minor) {
    String p = relative(path);
    parents(p);
    items.add(new Item(p, CpioConstants.C_ISCHR | perm, new byte[0], major, minor));
    return this;
  }

  /** Writes the gzip-compressed archive to {@code out} (not closed). */
  public void writeTo(OutputStream out) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 1 << 16);
    try (CpioArchiveOutputStream cpio =
        new CpioArchiveOutputStream(gz, CpioConstants.FORMAT_NEW)) {
      for (Item item : items) {
        CpioArchiveEntry e = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, item.path);
        e.setMode(item.mode);
        e.setSize(item.data.length);
        e.setTime(mtime);
        e.setUID(0);
        e.setGID(0);
        e.setNumberOfLinks((item.mode & CpioConstants.S_IFMT) == CpioConstants.C_ISDIR ? 2 : 1);
        e.setRemoteDeviceMaj(item.rdevMajor);
        e.setRemoteDeviceMin(item.rdevMinor);
        cpio.putArchiveEntry(e);
        cpio.write(item.data);
        cpio.closeArchiveEntry();
      }
      cpio.finish();
    }
  }

  private void parents(String p) {
    int slash = p.lastIndexOf('/');
    if (slash > 0) {
      directory(p.substring(0, slash), 0755);
    }
  }

  private static String relative(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** Lets the cpio and gzip streams finish without closing the caller's stream. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
