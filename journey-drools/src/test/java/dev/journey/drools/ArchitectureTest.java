package dev.journey.drools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

final class ArchitectureTest {
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
