package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourcesTest {

  @TempDir Path root;

  private void write(String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void oneLineFormatSkipsCommentsOptionsSecurityAndThirdPartyEntries() throws IOException {
    write("etc/apt/sources.list", """
        # deb http://commented.example/debian bookworm main
        deb-src http://src.example/debian bookworm main
        deb [arch=amd64 signed-by=/k.gpg] https://vendor.example/repo nodistro main
        deb http://security.example/debian-security bookworm-security main
        deb http://mirror.example/debian/ bookworm main contrib   # trailing comment
        """);
    assertEquals(Optional.of(URI.create("http://mirror.example/debian/")),
        new AptSources(root).debianArchive());
  }

  @Test
  void oneLineParserReadsTypeUriSuiteAndComponents() {
    List<AptSourceEntry> e = AptSourcesParser.parseOneLine(
        "deb [trusted=yes] http://m.example/debian trixie main non-free\n");
    assertEquals(1, e.size());
    assertEquals(List.of("deb"), e.get(0).types());
    assertEquals(List.of("http://m.example/debian"), e.get(0).uris());
    assertEquals(List.of("trixie"), e.get(0).suites());
    assertEquals(List.of("main", "non-free"), e.get(0).components());
  }

  @Test
  void deb822FormatWithSeveralStanzasCommentsAndDisabledEntriesFindsTheArchive()
      throws IOException {
    write("etc/apt/sources.list.d/debian.sources", """
        # Disabled stanza first: must be ignored.
        Types: deb
        URIs: http://disabled.example/debian
        Suites: trixie
        Components: main
        Enabled: no

        Types: deb deb-src
        # a comment inside a stanza
        URIs: http://archive.example/debian
        Suites: trixie trixie-updates
        Components: main
        Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

        Types: deb
        URIs: http://archive.example/debian-security
        Suites: trixie-security
        Components: main
        """);
    write("etc/apt/sources.list.d/vendor.sources", """
        Types: deb
        URIs: https://vendor.example/apt
        Suites: nodistro
        Components: main
        """);
    assertEquals(Optional.of(URI.create("http://archive.example/debian")),
        new AptSources(root).debianArchive());
    List<AptSourceEntry> all = new AptSources(root).entries();
    assertEquals(4, all.size());
    assertFalse(all.get(0).enabled());
    assertEquals(List.of("deb", "deb-src"), all.get(1).types());
  }

  @Test
  void aThirdPartyRepositoryReusingADebianCodenameLosesToTheDebianArchive() throws IOException {
    write("etc/apt/sources.list.d/a-vendor.list",
        "deb https://packages.vendor.example/apt bookworm main\n");
    write("etc/apt/sources.list.d/b-debian.list",
        "deb http://ftp.example/debian bookworm main\n");
    assertEquals(Optional.of(URI.create("http://ftp.example/debian")),
        new AptSources(root).debianArchive());
  }

  @Test
  void filesWithOtherSuffixesAreNotRead() throws IOException {
    write("etc/apt/sources.list.d/old.list.disabled",
        "deb http://old.example/debian bookworm main\n");
    assertEquals(Optional.empty(), new AptSources(root).debianArchive());
  }

  @Test
  void noDebianSourceGivesAClearErrorNamingTheOverride() throws IOException {
    write("etc/apt/sources.list", "deb http://ports.example/ubuntu jammy main\n");
    MirrorNotFoundException e = assertThrows(MirrorNotFoundException.class,
        () -> new MirrorLocator(Optional.empty(), Map.of(), root).locate());
    assertTrue(e.getMessage().contains("No Debian archive found"), e.getMessage());
    assertTrue(e.getMessage().contains(MirrorLocator.ENV_MIRROR), e.getMessage());
  }

  @Test
  void theUsersMirrorBeatsTheEnvironmentWhichBeatsApt() throws Exception {
    write("etc/apt/sources.list", "deb http://apt.example/debian trixie main\n");
    Map<String, String> env = Map.of(MirrorLocator.ENV_MIRROR, "http://env.example/debian");
    assertEquals(URI.create("http://user.example/debian/"),
        new MirrorLocator(Optional.of("http://user.example/debian"), env, root).locate());
    assertEquals(URI.create("http://env.example/debian/"),
        new MirrorLocator(Optional.empty(), env, root).locate());
    assertEquals(URI.create("http://apt.example/debian/"),
        new MirrorLocator(Optional.empty(), Map.of(), root).locate());
  }

  @Test
  void aMirrorThatIsNotAnHttpUrlIsRefusedWithTheReason() {
    MirrorNotFoundException e = assertThrows(MirrorNotFoundException.class,
        () -> new MirrorLocator(Optional.of("ftp://x.example/debian"), Map.of(), root).locate());
    assertTrue(e.getMessage().contains("http:// or https://"), e.getMessage());
  }

  @Test
  void theHostsOwnAptConfigurationNamesADebianArchive() throws IOException {
    Optional<URI> uri = new AptSources(Path.of("/")).debianArchive();
    assertTrue(uri.isPresent(), "this machine's apt configuration should name a Debian mirror");
    assertTrue(uri.get().getScheme().startsWith("http"));
  }
}
