package dev.journey.hubspot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.journey.architecture.JourneyArchitecture;
import org.junit.jupiter.api.Test;

final class ArchitectureTest {

  @Test
  void should_follow_the_journey_architecture_rules() {
    // given the main classes of this module / when / then: no package cycles, no other module's
    // internals, no internal types in the public API
    JourneyArchitecture.checkModule("dev.journey.hubspot");
  }
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.journey.hubspot");

  @Test
  void should_use_only_the_public_api_and_spi_of_core() {
    // when / then
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("dev.journey.core.internal..", "dev.journey.core.engine..", "dev.journey.core.memory..",
            "dev.journey.testkit..")
        .check(MAIN);
  }

  @Test
  void should_keep_internal_independent_of_the_api() {
    // when / then
    noClasses().that().resideInAPackage("dev.journey.hubspot.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.journey.hubspot")
        .check(MAIN);
  }
}
