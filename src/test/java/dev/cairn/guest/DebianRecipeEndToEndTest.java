package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds the real guest from the host's configured Debian mirror into the real user cache (about
 * 115 MB the first time), then proves later builds need no network at all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianRecipeEndToEndTest {

  private static final String CLOSED_PORT_MIRROR = "http://127.0.0.1:9/";

  private static GuestImages images;
  private static CacheLayout cache;
  private static Path scratch;

  @BeforeAll
  static void buildFromTheHostsMirror() throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("cairn.skipGuestTests"),
        "guest tests skipped by -Dcairn.skipGuestTests=true");
    DebianRecipe recipe = DebianRecipe.builder().build();
    cache = recipe.cache();
    long start = System.nanoTime();
    images = recipe.build(ProgressListener.NONE, CancelToken.none());
    System.out.printf("guest build: %.1f s, %d HTTP requests%n",
        (System.nanoTime() - start) / 1e9, recipe.networkRequests());
    scratch = Files.createTempDirectory(cache.root(), "test-");
  }

  @AfterAll
  static void removeScratch() throws IOException {
    if (scratch != null) {
      try (Stream<Path> s = Files.walk(scratch)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  @Order(1)
  void theKernelIsAPlainRiscvImage() throws IOException {
    byte[] head = Arrays.copyOf(Files.readAllBytes(images.kernel()), 0x40);
    assertTrue(KernelImage.isRiscvImage(head), "RSC\\x05 at 0x38");
    assertTrue(images.kernelVersion().endsWith("-riscv64"), images.kernelVersion());
    assertTrue(images.kernel().startsWith(cache.images()));
  }

  @Test
  @Order(2)
  void theFirmwareIsOpenSbisDynamicFirmware() throws IOException {
    byte[] fw = Files.readAllBytes(images.firmware());
    assertTrue(fw.length > 100_000 && fw.length < 4_000_000, "size " + fw.length);
    assertTrue(new String(fw, StandardCharsets.ISO_8859_1).contains("OpenSBI"));
  }

  @Test
  @Order(3)
  void theInitramfsHoldsInitBusyboxTheConsoleNodeAndTheReleaseFile() throws IOException {
    Map<String, InitramfsReader.Member> m = InitramfsReader.read(images.initrd());
    assertArrayEquals(GuestResources.init(), m.get("init").content());
    assertEquals(CpioConstants.C_ISREG | 0755, m.get("init").entry().getMode());
    assertArrayEquals(GuestResources.release(), m.get("etc/cairn-release").content());
    byte[] busybox = m.get("bin/busybox").content();
    assertEquals(0x7f, busybox[0]);
    assertEquals('E', busybox[1]);
    assertEquals(243, busybox[18] & 0xff, "a RISC-V (EM_RISCV) binary");
    var console = m.get("dev/console").entry();
    assertEquals(CpioConstants.C_ISCHR | 0600, console.getMode());
    assertEquals(5, console.getRemoteDeviceMaj());
    assertEquals(1, console.getRemoteDeviceMin());
    assertTrue(m.containsKey("proc") && m.containsKey("sys") && m.containsKey("dev"));
  }

  @Test
  @Order(4)
  void theVirtioModulesAreThereDecompressedAndListedInLoadOrder() throws Exception {
    Map<String, InitramfsReader.Member> m = InitramfsReader.read(images.initrd());
    String dir = "lib/modules/" + images.kernelVersion() + "/kernel/drivers/";
    List<String> expected = List.of(dir + "virtio/virtio_mmio.ko", dir + "block/virtio_blk.ko",
        dir + "char/hw_random/virtio-rng.ko");
    for (String path : expected) {
      assertTrue(m.containsKey(path), path + " missing; have " + m.keySet());
      byte[] ko = m.get(path).content();
      ElfModinfo info = ElfModinfo.read(ko, path);
      assertEquals(KernelModule.nameOfPath(path), info.name());
      assertTrue(info.vermagic().startsWith(images.kernelVersion() + " "), info.vermagic());
    }
    List<String> order = new String(m.get("etc/modules-order").content(),
        StandardCharsets.UTF_8).lines().toList();
    assertEquals(expected.stream().map(p -> "/" + p).toList(), order.subList(0, 3));
    // Then ext4 for the data disk and the display, each after the modules it needs.
    List<String> names = order.stream().map(KernelModule::nameOfPath).toList();
    assertEquals(List.of("virtio_gpu", "virtio_input"), names.subList(names.size() - 2, names.size()));
    for (String[] dependency : new String[][] {{"crc32c_generic", "ext4"}, {"jbd2", "ext4"},
        {"mbcache", "ext4"}, {"drm", "virtio_gpu"}, {"drm_kms_helper", "virtio_gpu"},
        {"drm_shmem_helper", "virtio_gpu"}, {"virtio_dma_buf", "virtio_gpu"}}) {
      assertTrue(names.contains(dependency[0]) && names.contains(dependency[1]), names.toString());
      assertTrue(names.indexOf(dependency[0]) < names.indexOf(dependency[1]),
          dependency[0] + " must load before " + dependency[1] + ": " + names);
    }
  }

  @Test
  @Order(5)
  void aSecondBuildIsServedFromTheCacheWithoutTheNetwork() throws Exception {
    DebianRecipe offline = DebianRecipe.builder().mirror(CLOSED_PORT_MIRROR).build();
    long start = System.nanoTime();
    GuestImages again = offline.build(ProgressListener.NONE, CancelToken.none());
    System.out.printf("cached guest build: %.3f s%n", (System.nanoTime() - start) / 1e9);
    assertEquals(images, again);
    assertEquals(0, offline.networkRequests());
  }

  @Test
  @Order(6)
  void imagesAreRebuiltFromCachedPackagesWithoutTheNetworkAndCameOutIdentical()
      throws Exception {
    Path cacheCopy = packagesOnlyCopy("rebuild");
    DebianRecipe offline = DebianRecipe.builder().mirror(CLOSED_PORT_MIRROR)
        .cacheDir(cacheCopy).build();
    long start = System.nanoTime();
    GuestImages rebuilt = offline.build(ProgressListener.NONE, CancelToken.none());
    System.out.printf("guest rebuild from cached packages: %.1f s%n",
        (System.nanoTime() - start) / 1e9);
    assertEquals(0, offline.networkRequests());
    assertArrayEquals(Files.readAllBytes(images.initrd()), Files.readAllBytes(rebuilt.initrd()),
        "the initramfs is reproducible");
    assertEquals(Files.size(images.kernel()), Files.size(rebuilt.kernel()));
  }

  @Test
  @Order(7)
  void cancellingABuildLeavesNoImagesBehind() throws Exception {
    Path cacheCopy = packagesOnlyCopy("cancel");
    CancelToken cancel = new CancelToken();
    DebianRecipe offline = DebianRecipe.builder().mirror(CLOSED_PORT_MIRROR)
        .cacheDir(cacheCopy).build();
    ProgressListener cancelOnUnpack = (phase, done, total) -> {
      if (phase.startsWith("unpacking")) {
        cancel.cancel();
      }
    };
    assertThrows(BuildCancelledException.class, () -> offline.build(cancelOnUnpack, cancel));
    assertFalse(Files.exists(new CacheLayout(cacheCopy).images().resolve("inputs.properties")));
  }

  /** A cache with the verified packages (hard-linked) but no built images. */
  private static Path packagesOnlyCopy(String name) throws IOException {
    CacheLayout copy = new CacheLayout(scratch.resolve(name));
    Files.createDirectories(copy.debs());
    try (Stream<Path> s = Files.list(cache.debs())) {
      for (Path p : s.toList()) {
        Path target = copy.debs().resolve(p.getFileName());
        try {
          Files.createLink(target, p);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(p, target);
        }
      }
    }
    Files.copy(cache.resolvedPackages(), copy.resolvedPackages());
    return copy.root();
  }
}
