package dev.journey.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.journey.architecture.JourneyArchitecture;
import org.junit.jupiter.api.Test;

final class ArchitectureTest {

  private static final String CORE = "dev.journey.core";
  private static final JavaClasses MAIN = JourneyArchitecture.mainClasses(CORE);

  @Test
  void should_keep_the_packages_of_core_free_of_cycles() {
    // given the main classes of core
    JavaClasses classes = MAIN;
    // when / then: no exception (the JSON configuration parser has left core)
    JourneyArchitecture.freeOfPackageCycles(CORE).check(classes);
  }

  @Test
  void should_follow_the_other_journey_architecture_rules() {
    // given the main classes of core
    JavaClasses classes = MAIN;
    // when / then: no other module's internals, no internal types in the public API, no rule
    // engine, JSON library, HTTP client, JDBC or Guava
    JourneyArchitecture.noForeignInternals(CORE).check(classes);
    JourneyArchitecture.noInternalTypesInPublicApi(CORE).check(classes);
    JourneyArchitecture.coreFreeOfInfrastructure().check(classes);
  }
  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.journey.core");

  @Test
  void core_depends_on_no_rule_engine_http_client_or_json_library() {
    noClasses()
        .that().resideInAPackage("dev.journey.core..")
        .should().dependOnClassesThat()
        .resideInAnyPackage(
            "org.drools..", "org.kie..", "com.fasterxml..", "com.google..", "java.net.http..",
            "java.sql..", "org.apache..")
        .check(core);
  }

  @Test
  void value_packages_do_not_depend_on_the_engine() {
    noClasses()
        .that().resideInAnyPackage(
            "dev.journey.core.state..", "dev.journey.core.action..", "dev.journey.core.decision..",
            "dev.journey.core.spi..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.journey.core.engine..", "dev.journey.core.memory..")
        .check(core);
  }
}
