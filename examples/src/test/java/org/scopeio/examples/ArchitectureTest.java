package org.scopeio.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled main classes of every
 * module (this module depends on all of them).
 */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // test jars (the contract kit, the real-reader checks) are tests too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.scopeio");
  }

  @Test
  void everyModuleIsImported() {
    for (String pkg :
        new String[] {
          "org.scopeio.api",
          "org.scopeio.simulator",
          "org.scopeio.writers",
          "org.scopeio.cli",
          "org.scopeio.sdcard",
          "org.scopeio.stream",
          "org.scopeio.examples"
        }) {
      org.assertj.core.api.Assertions.assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
    }
  }

  @Test
  void apiDependsOnNoOtherModuleAndNoFrameworkOrNativeLibrary() {
    noClasses()
        .that()
        .resideInAPackage("org.scopeio.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.scopeio.sdcard..",
            "org.scopeio.stream..",
            "org.scopeio.writers..",
            "org.scopeio.simulator..",
            "org.scopeio.cli..",
            "org.scopeio.examples..",
            "com.google.inject..",
            "jakarta.inject..",
            "com.fazecast..",
            "org.usb4java..",
            "picocli..")
        .check(classes);
  }

  @Test
  void guiceOnlyInCliAndExamples() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.scopeio.cli..", "org.scopeio.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.google.inject..", "jakarta.inject..")
        .check(classes);
  }

  @Test
  void nativeLibrariesOnlyInTheStreamModule() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.scopeio.stream..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fazecast..", "org.usb4java..")
        .check(classes);
  }

  @Test
  void noStandardStreamsOutsideTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.scopeio.cli..")
        .should(ACCESS_STANDARD_STREAMS)
        .check(classes);
  }

  @Test
  void nothingDependsOnCliOrExamples() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.scopeio.cli..", "org.scopeio.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.scopeio.cli..", "org.scopeio.examples..")
        .check(classes);
  }

  @Test
  void modulesDoNotUseEachOthersInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.scopeio.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.scopeio.api.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.scopeio.writers..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.scopeio.writers.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.scopeio.stream..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.scopeio.stream.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.scopeio.sdcard..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.scopeio.sdcard.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.scopeio.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.scopeio.simulator.internal..")
        .check(classes);
  }

  @Test
  void noCyclesBetweenModules() {
    slices().matching("org.scopeio.(*)..").should().beFreeOfCycles().check(classes);
  }
}
