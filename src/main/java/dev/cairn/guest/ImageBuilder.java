package dev.cairn.guest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Builds the Image, fw_dynamic.bin and initramfs from verified .debs into one directory, and
 * knows from a stamp file there whether they are already built from the same inputs.
 */
public final class ImageBuilder {

  /**
   * Modules the guest loads, in this order: the virtio-mmio transport first so the devices exist
   * when their drivers register, then the block device, the entropy source, ext4 (which also
   * mounts ext2) for the data disk, the gpu (its DRM helpers come along as dependencies; fbcon is
   * built in) and the keyboard/tablet driver. Dependencies (jbd2, mbcache, crc16) come from each
   * module's {@code depends=}; ext4 asks the crypto API for "crc32c" at mount time, which no
   * {@code depends=} names, so crc32c_generic is listed before it. {@code /init} loads the
   * file-system ones only when the kernel command line names a data disk.
   */
  public static final List<String> MODULES = List.of("virtio_mmio", "virtio_blk", "virtio_rng",
      "crc32c_generic", "ext4", "virtio_gpu", "virtio_input");

  static final String KERNEL = "Image";
  static final String FIRMWARE = "fw_dynamic.bin";
  static final String INITRD = "initrd.cpio.gz";
  private static final String STAMP = "inputs.properties";
  /** Bump when the layout of the built files changes, so old caches are rebuilt. */
  private static final String FORMAT = "1";

  private static final List<String> BUSYBOX_PATHS = List.of("usr/bin/busybox", "bin/busybox");
  private static final String FW_DYNAMIC = "usr/lib/riscv64-linux-gnu/opensbi/generic/"
      + FIRMWARE;

  private final Path dir;

  public ImageBuilder(Path dir) {
    this.dir = dir;
  }

  /** The images if they exist and were built from exactly these inputs. */
  public Optional<GuestImages> existing(ResolvedPackages packages) {
    Path stamp = dir.resolve(STAMP);
    if (!Files.isRegularFile(stamp)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(stamp, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      return Optional.empty();
    }
    GuestImages images = images(p.getProperty("kernelVersion", ""));
    boolean complete = Files.isRegularFile(images.kernel())
        && Files.isRegularFile(images.firmware()) && Files.isRegularFile(images.initrd());
    return complete && inputsKey(packages).equals(p.getProperty("inputs"))
        ? Optional.of(images) : Optional.empty();
  }

  /** Builds all three files from the cached .debs and records the inputs they came from. */
  public GuestImages build(ResolvedPackages packages, DebCache debs, ProgressListener progress,
      CancelToken cancel) throws GuestBuildException {
    KernelContents kernel = new KernelPackageReader(new DebArchive(debs.pathOf(packages.kernel())))
        .read(MODULES, progress, cancel);
    progress.progress("unpacking busybox", 0, -1);
    byte[] busybox = one(new DebArchive(debs.pathOf(packages.busybox())),
        BUSYBOX_PATHS, packages.busybox(), cancel);
    progress.progress("unpacking OpenSBI", 0, -1);
    byte[] firmware = one(new DebArchive(debs.pathOf(packages.opensbi())),
        List.of(FW_DYNAMIC), packages.opensbi(), cancel);
    cancel.check();
    progress.progress("writing initramfs", 0, -1);
    InitramfsBuilder initramfs = InitramfsContent.layout(busybox, kernel, GuestResources.init(),
        GuestResources.release(), 0);
    GuestImages images = images(kernel.version());
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(STAMP));
      write(images.kernel(), out -> out.write(kernel.image()));
      write(images.firmware(), out -> out.write(firmware));
      write(images.initrd(), initramfs::writeTo);
      Properties p = new Properties();
      p.setProperty("inputs", inputsKey(packages));
      p.setProperty("kernelVersion", kernel.version());
      p.setProperty("modules", String.join(" ",
          kernel.modules().stream().map(KernelModule::name).toList()));
      p.setProperty("builtin", String.join(" ", kernel.builtin()));
      // The stamp goes last: its presence means the three files above are complete.
      write(dir.resolve(STAMP), out -> p.store(out, "Inputs of the images in this directory"));
    } catch (IOException e) {
      throw new GuestBuildException("Cannot write the guest images to " + dir + ": "
          + e.getMessage() + ". Check permissions and free space.", e);
    }
    progress.progress("guest images ready", 1, 1);
    return images;
  }

  private GuestImages images(String kernelVersion) {
    return new GuestImages(dir.resolve(KERNEL), dir.resolve(FIRMWARE), dir.resolve(INITRD),
        kernelVersion);
  }

  private static byte[] one(DebArchive deb, List<String> candidates, PackageRecord from,
      CancelToken cancel) throws GuestBuildException {
    Map<String, byte[]> files = deb.read(Set.copyOf(candidates), cancel);
    for (String c : candidates) {
      if (files.containsKey(c)) {
        return files.get(c);
      }
    }
    throw new GuestBuildException("Package " + from.name() + " " + from.version()
        + " has none of " + candidates + "; Debian changed its packaging.");
  }

  /** A digest of everything the images depend on. */
  private static String inputsKey(ResolvedPackages packages) {
    MessageDigest md = Sha256.newDigest();
    md.update(FORMAT.getBytes(StandardCharsets.UTF_8));
    for (PackageRecord r : packages.all()) {
      md.update(r.sha256().getBytes(StandardCharsets.US_ASCII));
    }
    md.update(GuestResources.init());
    md.update(GuestResources.release());
    md.update(String.join(",", MODULES)
        .getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }

  /** Writes via a temporary file and a rename so a crash never leaves a half-written image. */
  private static void write(Path target, Writer writer) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.write(out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @FunctionalInterface
  private interface Writer {
    void write(OutputStream out) throws IOException;
  }
}
