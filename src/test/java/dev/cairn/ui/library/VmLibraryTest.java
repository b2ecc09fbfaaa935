package dev.cairn.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmLibraryTest {

  @TempDir Path home;

  private VmLibrary library() {
    return new VmLibrary(new CairnDirs(home.resolve("config"), home.resolve("data")));
  }

  private VmDefinition vm(String id, String name, List<DiskDefinition> disks, long created) {
    return new VmDefinition(id, name, VmDefinition.TEMPLATE_CUSTOM, 256, null, "/k/Image",
        "/k/initrd", "console=ttyS0", disks, created, false);
  }

  @Test
  void xdgDirectoriesAreUsedWhenAbsoluteElseTheHomeDefaults() {
    Path user = Path.of("/home/u");
    CairnDirs set = CairnDirs.fromEnvironment(
        Map.of("XDG_CONFIG_HOME", "/x/conf", "XDG_DATA_HOME", "/x/data"), user);
    assertEquals(Path.of("/x/conf/cairn"), set.config());
    assertEquals(Path.of("/x/data/cairn"), set.data());
    CairnDirs relative = CairnDirs.fromEnvironment(Map.of("XDG_CONFIG_HOME", "conf"), user);
    assertEquals(Path.of("/home/u/.config/cairn"), relative.config());
    assertEquals(Path.of("/home/u/.local/share/cairn"), relative.data());
  }

  @Test
  void savedVmsComeBackInCreationOrderOneFilePerVm() throws Exception {
    VmLibrary library = library();
    library.save(vm("b", "Second", List.of(), 2000));
    library.save(vm("a", "First", List.of(), 1000));
    VmLibrary.Contents contents = library().load();
    assertEquals(List.of("First", "Second"),
        contents.vms().stream().map(VmDefinition::name).toList());
    assertEquals(List.of(), contents.problems());
    assertTrue(Files.isRegularFile(home.resolve("config/vms/a.json")));
    assertEquals(vm("a", "First", List.of(), 1000), contents.vms().get(0));
  }

  @Test
  void aDamagedFileIsReportedSkippedAndLeftAlone() throws Exception {
    VmLibrary library = library();
    library.save(vm("good", "Good", List.of(), 1));
    Path bad = home.resolve("config/vms/bad.json");
    Files.writeString(bad, "{ not json");
    VmLibrary.Contents contents = library.load();
    assertEquals(1, contents.vms().size());
    assertEquals(1, contents.problems().size());
    assertTrue(contents.problems().get(0).contains(bad.toString()), contents.problems().get(0));
    assertEquals("{ not json", Files.readString(bad));
  }

  @Test
  void deleteRemovesOwnedDisksAndSnapshotsButNeverTheUsersOwnImage() throws Exception {
    VmLibrary library = library();
    Path data = library.dirs().vmData("v");
    Files.createDirectories(data.resolve("snapshots"));
    Path owned = Files.writeString(data.resolve("disk0.img"), "owned");
    Path snapshot = Files.writeString(data.resolve("snapshots/snapshot-1.cvm"), "s");
    Path users = Files.writeString(home.resolve("mine.img"), "mine");
    VmDefinition vm = vm("v", "V", List.of(
        new DiskDefinition(owned.toString(), "raw", false, true),
        new DiskDefinition(users.toString(), "raw", true, false)), 1);
    library.save(vm);
    List<Path> listed = library.filesOwnedBy(vm);
    assertTrue(listed.contains(owned) && listed.contains(snapshot), listed.toString());
    assertFalse(listed.contains(users));

    library.delete(vm);
    assertFalse(Files.exists(owned));
    assertFalse(Files.exists(data));
    assertTrue(Files.exists(users));
    assertEquals(List.of(), library.load().vms());
  }

  @Test
  void cloneCopiesOwnedDisksAndSharesTheUsersOwn() throws Exception {
    VmLibrary library = library();
    Path data = library.dirs().vmData("v");
    Files.createDirectories(data);
    Path owned = Files.writeString(data.resolve("disk0.img"), "contents");
    Path users = Files.writeString(home.resolve("mine.img"), "mine");
    VmDefinition vm = vm("v", "V", List.of(
        new DiskDefinition(owned.toString(), "raw", false, true),
        new DiskDefinition(users.toString(), "raw", true, false)), 1);
    library.save(vm);

    VmDefinition copy = library.cloneAs(vm, "V copy");
    assertNotEquals(vm.id(), copy.id());
    assertEquals("V copy", copy.name());
    Path copiedDisk = Path.of(copy.disks().get(0).path());
    assertTrue(copiedDisk.startsWith(library.dirs().vmData(copy.id())));
    assertEquals("contents", Files.readString(copiedDisk));
    assertEquals(users.toString(), copy.disks().get(1).path());
    assertEquals(2, library.load().vms().size());
  }

  @Test
  void theDefinitionBecomesTheMachineConfiguration() {
    VmDefinition vm = vm("v", "V", List.of(new DiskDefinition("/d.qcow2", "qcow2", true, false)),
        1);
    var config = vm.toMachineConfig();
    assertEquals(256L << 20, config.ramSize());
    assertEquals(Path.of("/k/Image"), config.kernel());
    assertEquals(null, config.bios());
    assertEquals("qcow2", config.drives().get(0).format());
    assertTrue(config.drives().get(0).readOnly());
  }
}
