package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Deb822AndPackageIndexTest {

  private static final String PACKAGES = """
      Package: linux-image-riscv64
      Source: linux
      Version: 6.12.117-1
      Architecture: riscv64
      Depends: linux-image-6.12.117+deb13-riscv64 (= 6.12.117-1)
      Filename: pool/main/l/linux/linux-image-riscv64_6.12.117-1_riscv64.deb
      Size: 1444
      SHA256: c1685361464fce280b85273c0914696c4167ab4d94a335c22401b52a1f7f9959
      Description: Linux for 64-bit RISC-V (meta-package)
       This package depends on the latest Linux kernel.
       .
       More text.

      Package: linux-image-6.12.117+deb13-riscv64
      Version: 6.12.117-1
      Architecture: riscv64
      Depends: kmod, initramfs-tools (>= 0.120+deb8u2) | linux-initramfs-tool
      Filename: pool/main/l/linux/linux-image-6.12.117+deb13-riscv64_6.12.117-1_riscv64.deb
      Size: 112593968
      SHA256: f5d9424b6f6a4518197202effc7e8eeaa90f8d73466c2dba2470f6ea7fb4f55c

      Package: opensbi
      Version: 1.6-1
      Architecture: all
      Filename: pool/main/o/opensbi/opensbi_1.6-1_all.deb
      Size: 204072
      SHA256: dc4a43bd21a0ca11771ed8b19ee6fa8476d1d0f4976bd0b27c0357c699d27e1e
      """;

  private static PackageIndex index() throws IOException {
    return new PackageIndex().addAll(
        new ByteArrayInputStream(PACKAGES.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void stanzasAreSplitOnBlankLinesWithContinuationLinesJoined() throws IOException {
    var stanzas = Deb822.parse(new java.io.BufferedReader(new java.io.StringReader(PACKAGES)));
    assertEquals(3, stanzas.size());
    assertEquals("Linux for 64-bit RISC-V (meta-package)\n"
        + "This package depends on the latest Linux kernel.\n.\nMore text.",
        stanzas.get(0).get("description"));
  }

  @Test
  void packageFieldsAreRead() throws IOException {
    PackageRecord r = index().find("opensbi").orElseThrow();
    assertEquals("all", r.architecture());
    assertEquals(204072, r.size());
    assertEquals("pool/main/o/opensbi/opensbi_1.6-1_all.deb", r.filename());
    assertEquals("dc4a43bd21a0ca11771ed8b19ee6fa8476d1d0f4976bd0b27c0357c699d27e1e", r.sha256());
  }

  @Test
  void theKernelMetapackageLeadsToTheVersionedImagePackage() throws Exception {
    PackageRecord k = index().followMetapackage("linux-image-riscv64", "linux-image-");
    assertEquals("linux-image-6.12.117+deb13-riscv64", k.name());
    assertEquals(112593968, k.size());
  }

  @Test
  void aMissingPackageIsReportedByName() throws IOException {
    GuestBuildException e = assertThrows(GuestBuildException.class,
        () -> index().require("busybox-static"));
    assertTrue(e.getMessage().contains("'busybox-static'"), e.getMessage());
    assertFalse(index().find("busybox-static").isPresent());
  }

  @Test
  void theReleaseSha256SectionIsParsed() throws Exception {
    ReleaseIndex r = ReleaseIndex.parse("""
        Origin: Debian
        Codename: trixie
        No-Support-for-Architecture-all: Packages
        MD5Sum:
         576c5642117fbf5e949c05740c8aa3eb  9387120 main/binary-riscv64/Packages.xz
        SHA256:
         bb4c324e01a19614b1731a55799c16919babb3f3bca0b472feffdbfb35f20526  4534476 main/binary-all/Packages.xz
         f60294dc64d700afa90c1833cda096d8b8de1f033e99ab2969a99fb9ea4aff1b  9387120 main/binary-riscv64/Packages.xz
        """);
    assertEquals("trixie", r.codename());
    assertTrue(r.allInArchPackages());
    ExpectedFile f = r.file("main/binary-riscv64/Packages.xz").orElseThrow();
    assertEquals(9387120, f.size());
    assertEquals("f60294dc64d700afa90c1833cda096d8b8de1f033e99ab2969a99fb9ea4aff1b", f.sha256());
    assertFalse(r.file("main/binary-amd64/Packages.xz").isPresent());
  }
}
