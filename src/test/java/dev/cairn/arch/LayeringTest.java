package dev.cairn.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of the blueprint (shared/DESIGN.md, "Packages"), enforced so that it stays
 * true without anyone remembering it: lower packages never import higher ones, and only {@code ui}
 * may touch JavaFX.
 */
class LayeringTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.cairn");
  }

  @Test
  void packagesOnlyUseThoseBelowThem() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("dev.cairn..")
        .layer("state").definedBy("dev.cairn.state..")
        .layer("memory").definedBy("dev.cairn.memory..")
        .layer("cpu").definedBy("dev.cairn.cpu..")
        .layer("block").definedBy("dev.cairn.block..")
        .layer("hw").definedBy("dev.cairn.hw..")
        .layer("machine").definedBy("dev.cairn.machine..")
        .layer("migration").definedBy("dev.cairn.migration..")
        .layer("monitor").definedBy("dev.cairn.monitor..")
        .layer("guest").definedBy("dev.cairn.guest..")
        .layer("ui").definedBy("dev.cairn.ui..")
        .layer("cli").definedBy("dev.cairn.cli..")
        .whereLayer("state").mayOnlyBeAccessedByLayers(
            "memory", "cpu", "block", "hw", "machine", "migration", "monitor", "guest", "ui", "cli")
        .whereLayer("memory").mayOnlyBeAccessedByLayers(
            "cpu", "hw", "machine", "migration", "monitor", "ui", "cli")
        .whereLayer("cpu").mayOnlyBeAccessedByLayers(
            "hw", "machine", "migration", "monitor", "ui", "cli")
        .whereLayer("block").mayOnlyBeAccessedByLayers(
            "hw", "machine", "migration", "monitor", "guest", "ui", "cli")
        .whereLayer("hw").mayOnlyBeAccessedByLayers(
            "machine", "migration", "monitor", "ui", "cli")
        .whereLayer("machine").mayOnlyBeAccessedByLayers("migration", "monitor", "ui", "cli")
        .whereLayer("migration").mayOnlyBeAccessedByLayers("monitor", "ui", "cli")
        .whereLayer("monitor").mayOnlyBeAccessedByLayers("ui", "cli")
        .whereLayer("guest").mayOnlyBeAccessedByLayers("ui", "cli")
        .whereLayer("ui").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .withOptionalLayers(true)
        .check(classes);
  }

  @Test
  void onlyTheUserInterfaceUsesJavaFx() {
    noClasses()
        .that().resideOutsideOfPackage("dev.cairn.ui..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("javafx..", "org.controlsfx..")
        .check(classes);
  }

  @Test
  void stateDescriptionsAreTheLowestLayer() {
    noClasses()
        .that().resideInAPackage("dev.cairn.state..")
        .should().dependOnClassesThat()
        .resideOutsideOfPackages("dev.cairn.state..", "java..")
        .check(classes);
  }

  @Test
  void theCoreDoesNotKnowTheMachineAboveIt() {
    noClasses()
        .that().resideInAnyPackage("dev.cairn.memory..", "dev.cairn.cpu..", "dev.cairn.hw..")
        .should().dependOnClassesThat()
        .resideInAnyPackage(
            "dev.cairn.machine..", "dev.cairn.migration..", "dev.cairn.monitor..", "dev.cairn.ui..")
        .check(classes);
  }
}
