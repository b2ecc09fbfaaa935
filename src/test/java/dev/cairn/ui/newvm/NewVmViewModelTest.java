package dev.cairn.ui.newvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.guest.CancelToken;
import dev.cairn.guest.ProgressListener;
import dev.cairn.ui.library.CairnDirs;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.library.VmLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewVmViewModelTest {

  @TempDir Path dir;

  private NewVmViewModel customForm() throws Exception {
    NewVmViewModel form = new NewVmViewModel(List.of("Taken"));
    form.debianTemplate().set(false);
    form.name().set("Mine");
    form.kernel().set(Files.writeString(dir.resolve("Image"), "k").toString());
    return form;
  }

  @Test
  void aValidCustomFormHasNoProblems() throws Exception {
    assertEquals(List.of(), customForm().problems());
    assertEquals("", customForm().firstProblem().get());
  }

  @Test
  void eachBadFieldIsNamedInTheUsersTerms() throws Exception {
    NewVmViewModel form = customForm();
    form.name().set("Taken");
    assertEquals("A VM named 'Taken' already exists.", form.firstProblem().get());
    form.name().set("  ");
    assertEquals("Give the VM a name.", form.firstProblem().get());
    form.name().set("Ok");
    form.memoryMiB().set(16);
    assertTrue(form.firstProblem().get().startsWith("Memory must be between 64 MiB"));
    form.memoryMiB().set(512);
    form.kernel().set(dir.resolve("missing").toString());
    assertEquals("Kernel file does not exist: " + dir.resolve("missing"),
        form.firstProblem().get());
    form.kernel().set(dir.toString());
    assertEquals("Kernel is a directory, not a file: " + dir, form.firstProblem().get());
    form.kernel().set("relative/Image");
    assertEquals("Kernel path must be absolute: relative/Image", form.firstProblem().get());
    form.kernel().set("");
    assertEquals("Choose a kernel image.", form.firstProblem().get());
  }

  @Test
  void theDebianTemplateNeedsNoFiles() {
    NewVmViewModel form = new NewVmViewModel(List.of());
    form.name().set("Debian");
    assertEquals(List.of(), form.problems());
  }

  @Test
  void creatingACustomVmSavesItWithAnOwnedQcow2DiskOfTheAskedSize() throws Exception {
    NewVmViewModel form = customForm();
    form.diskGiB().set(2);
    VmLibrary library = new VmLibrary(new CairnDirs(dir.resolve("c"), dir.resolve("d")));
    VmDefinition vm = form.create(library, ProgressListener.NONE, CancelToken.none());
    assertEquals(VmDefinition.TEMPLATE_CUSTOM, vm.template());
    assertEquals(1, vm.disks().size());
    Path disk = Path.of(vm.disks().get(0).path());
    assertEquals("qcow2", vm.disks().get(0).format());
    try (var image = dev.cairn.block.BlockDrivers.open(disk, "qcow2", true)) {
      assertEquals(2L << 30, image.size());
    }
    assertTrue(vm.disks().get(0).owned());
    assertEquals(List.of(vm), library.load().vms());
  }

  @Test
  void editingKeepsIdAndAllowsTheSameName() throws Exception {
    VmLibrary library = new VmLibrary(new CairnDirs(dir.resolve("c"), dir.resolve("d")));
    VmDefinition vm = customForm().create(library, ProgressListener.NONE, CancelToken.none());
    NewVmViewModel edit = new NewVmViewModel(List.of("Mine"), vm);
    assertEquals(List.of(), edit.problems());
    edit.memoryMiB().set(1024);
    VmDefinition changed = edit.edited();
    assertEquals(vm.id(), changed.id());
    assertEquals(1024, changed.memoryMiB());
  }
}
