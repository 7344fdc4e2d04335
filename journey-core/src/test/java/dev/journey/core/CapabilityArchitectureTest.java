package dev.journey.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * Routing, calendars, SLAs and guardrails are capabilities plugged in through the {@code spi}:
 * they must work with any engine and store, so they never reach into the engine or the
 * in-memory store, and they form no cycles among themselves.
 */
final class CapabilityArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.journey.core");

  @Test
  void should_keep_capabilities_independent_of_engine_and_store_implementations() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.journey.core.routing..", "dev.journey.core.calendar..", "dev.journey.core.sla..",
            "dev.journey.core.guardrail..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.journey.core.engine..", "dev.journey.core.memory..", "dev.journey.core.rules..")
        .check(CLASSES);
  }

  @Test
  void should_keep_capability_packages_free_of_cycles() {
    SlicesRuleDefinition.slices()
        .matching("dev.journey.core.(routing|calendar|sla|guardrail)..")
        .should()
        .beFreeOfCycles()
        .check(CLASSES);
  }
}
