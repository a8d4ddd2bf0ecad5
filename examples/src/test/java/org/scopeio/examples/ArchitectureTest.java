package org.scopeio.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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
          "org.scopeio.core",
          "org.scopeio.config",
          "org.scopeio.format",
          "org.scopeio.telemetry",
          "org.scopeio.testkit",
          "org.scopeio.simulator",
          "org.scopeio.writers",
          "org.scopeio.raw",
          "org.scopeio.sdcard",
          "org.scopeio.stream",
          "org.scopeio.live",
          "org.scopeio.cli",
          "org.scopeio.examples"
        }) {
      org.assertj.core.api.Assertions.assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
    }
  }

  /** The packages of the core module. */
  static final String[] CORE = {
    "org.scopeio.core..", "org.scopeio.config..", "org.scopeio.format..", "org.scopeio.telemetry.."
  };

  /** The packages of the device modules. */
  static final String[] DEVICES = {
    "org.scopeio.simulator..", "org.scopeio.sdcard..", "org.scopeio.stream..", "org.scopeio.raw.."
  };

  /** Every package of ours that is not api or core. */
  static final String[] ABOVE_CORE = {
    "org.scopeio.simulator..",
    "org.scopeio.sdcard..",
    "org.scopeio.stream..",
    "org.scopeio.raw..",
    "org.scopeio.writers..",
    "org.scopeio.live..",
    "org.scopeio.testkit..",
    "org.scopeio.cli..",
    "org.scopeio.examples.."
  };

  @Test
  void apiHoldsContractsOnlyAndDependsOnTheJdkAlone() {
    classes()
        .that()
        .resideInAPackage("org.scopeio.api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("org.scopeio.api..", "java..")
        .check(classes);
  }

  @Test
  void coreDependsOnApiAndLibrariesOnly() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ABOVE_CORE)
        .check(classes);
  }

  /**
   * Devices depend on api and core, not on each other or on writers; the one exception is the
   * stream device's {@code simulated} source, which is the simulator's encoder.
   */
  @Test
  void devicesDependOnApiAndCoreNotOnEachOtherOrOnWriters() {
    for (String device : DEVICES) {
      String[] others =
          java.util.Arrays.stream(ABOVE_CORE)
              .filter(p -> !p.equals(device))
              .filter(
                  p ->
                      !(device.equals("org.scopeio.stream..")
                          && p.equals("org.scopeio.simulator..")))
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(device)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .check(classes);
    }
  }

  @Test
  void writersLiveAndTestkitDependOnApiAndCoreOnly() {
    for (String module :
        new String[] {"org.scopeio.writers..", "org.scopeio.live..", "org.scopeio.testkit.."}) {
      noClasses()
          .that()
          .resideInAPackage(module)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              java.util.Arrays.stream(ABOVE_CORE)
                  .filter(p -> !p.equals(module))
                  .toArray(String[]::new))
          .check(classes);
    }
  }

  @Test
  void jacksonStaysOutOfApiAndDevicesReadConfigsThroughCore() {
    noClasses()
        .that()
        .resideInAnyPackage("org.scopeio.api..", "org.scopeio.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..")
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
    for (String module :
        new String[] {
          "api",
          "core",
          "config",
          "format",
          "telemetry",
          "testkit",
          "simulator",
          "writers",
          "raw",
          "sdcard",
          "stream",
          "live",
          "cli",
          "examples"
        }) {
      noClasses()
          .that()
          .resideOutsideOfPackage("org.scopeio." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.scopeio." + module + ".internal..")
          .check(classes);
    }
  }

  /**
   * Numbers and names in files and summaries do not depend on the user's locale: a Turkish default
   * turned "BUFFER_LIMIT".toLowerCase() into "buffer_lımıt" in the frame metadata, and a German one
   * printed "0,08 s". Formatting and case changes name their locale (Locale.ROOT).
   */
  @Test
  void formattingAndCaseNeverUseTheDefaultLocale() {
    noClasses()
        .should()
        .callMethod(String.class, "format", String.class, Object[].class)
        .orShould()
        .callMethod(String.class, "formatted", Object[].class)
        .orShould()
        .callMethod(String.class, "toLowerCase")
        .orShould()
        .callMethod(String.class, "toUpperCase")
        .orShould()
        .callMethod(java.io.PrintStream.class, "printf", String.class, Object[].class)
        .orShould()
        .callMethod(java.io.PrintStream.class, "format", String.class, Object[].class)
        .orShould()
        .callMethod(java.io.PrintWriter.class, "printf", String.class, Object[].class)
        .orShould()
        .callMethod(java.io.PrintWriter.class, "format", String.class, Object[].class)
        .orShould()
        .callConstructor(java.util.Formatter.class)
        .orShould()
        .callConstructor(java.util.Formatter.class, Appendable.class)
        .check(classes);
  }

  @Test
  void noCyclesBetweenModules() {
    slices().matching("org.scopeio.(*)..").should().beFreeOfCycles().check(classes);
  }
}
