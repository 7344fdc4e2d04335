package dev.journey.drools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.journey.architecture.JourneyArchitecture;
import org.junit.jupiter.api.Test;

final class ArchitectureTest {

  @Test
  void should_keep_the_packages_free_of_cycles() {
    // given the main classes of this module / when / then: one known cycle is excepted, for the
    // rule engine's owner to break: internal.KieCompiler builds the API's RuleSet, BuildPath and
    // RuleProblem values while the API calls the compiler (issue 13, item 9)
    JourneyArchitecture.freeOfPackageCycles("dev.journey.drools")
        .ignoreDependency(
            JavaClass.Predicates.resideInAPackage("dev.journey.drools.internal"),
            JavaClass.Predicates.resideInAPackage("dev.journey.drools"))
        .check(CLASSES);
  }

  @Test
  void should_follow_the_other_journey_architecture_rules() {
    // given the main classes of this module / when / then: no other module's internals, no
    // internal types in the public API
    JourneyArchitecture.noForeignInternals("dev.journey.drools").check(CLASSES);
    JourneyArchitecture.noInternalTypesInPublicApi("dev.journey.drools").check(CLASSES);
  }
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.journey.drools");

  @Test
  void should_use_only_the_public_api_and_spi_of_core() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.journey.core.internal..", "dev.journey.core.engine..", "dev.journey.core.memory..")
        .check(CLASSES);
  }

  @Test
  void should_keep_drools_types_out_of_public_signatures() {
    java.util.List<String> leaks = new java.util.ArrayList<>();
    for (JavaClass type : CLASSES) {
      if (!type.getPackageName().equals("dev.journey.drools") || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaCodeUnit unit : type.getCodeUnits()) {
        if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
          continue;
        }
        java.util.List<JavaClass> types = new java.util.ArrayList<>(unit.getRawParameterTypes());
        types.add(unit.getRawReturnType());
        for (JavaClass used : types) {
          if (used.getPackageName().startsWith("org.kie") || used.getPackageName().startsWith("org.drools")) {
            leaks.add(unit.getFullName());
          }
        }
      }
    }
    org.assertj.core.api.Assertions.assertThat(leaks).isEmpty();
  }
}
