package dev.journey.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** Each rule passes on a clean fixture and fails, naming the culprit, on a broken one. */
final class JourneyArchitectureTest {
  private static final String FIXTURE = "dev.journey.architecture.fixture";

  private static JavaClasses fixture(String name) {
    return new ClassFileImporter().importPackages(FIXTURE + "." + name);
  }

  @Test
  void should_fail_on_a_package_cycle() {
    // given
    JavaClasses cycle = fixture("cycle");
    // when
    EvaluationResult result = JourneyArchitecture.freeOfPackageCycles(FIXTURE + ".cycle").evaluate(cycle);
    // then
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains("Cycle detected")
        .contains("fixture.cycle.a.A")
        .contains("fixture.cycle.b.B");
  }

  @Test
  void should_pass_on_packages_without_a_cycle() {
    // given
    JavaClasses acyclic = fixture("acyclic");
    // when
    EvaluationResult result =
        JourneyArchitecture.freeOfPackageCycles(FIXTURE + ".acyclic").evaluate(acyclic);
    // then
    assertThat(result.hasViolation()).isFalse();
  }

  @Test
  void should_fail_when_a_module_uses_another_modules_internal_package() {
    // given
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE + ".mod", FIXTURE + ".other");
    // when
    EvaluationResult result = JourneyArchitecture.noForeignInternals(FIXTURE + ".mod").evaluate(classes);
    // then only Foreign violates: Clean uses its own module's internal package
    assertThat(result.getFailureReport().getDetails())
        .hasSize(1)
        .allSatisfy(d -> assertThat(d).contains("Foreign").contains("other.internal.Hidden"));
  }

  @Test
  void should_fail_when_a_public_signature_exposes_an_internal_type() {
    // given
    JavaClasses classes = fixture("mod");
    // when
    EvaluationResult result =
        JourneyArchitecture.noInternalTypesInPublicApi(FIXTURE + ".mod").evaluate(classes);
    // then only the public method leaks; the package-private one and Clean do not
    assertThat(result.getFailureReport().getDetails())
        .hasSize(1)
        .allSatisfy(d -> assertThat(d).contains("Api exposes an internal type: leaked(..) uses").contains("mod.internal.Impl"));
  }

  @Test
  void should_fail_when_a_module_that_must_stay_plain_uses_jdbc() {
    // given
    JavaClasses classes = fixture("infra");
    // when
    EvaluationResult result = JourneyArchitecture.freeOfInfrastructure(FIXTURE + ".infra").evaluate(classes);
    // then
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("java.sql.Connection");
  }

  @Test
  void should_refuse_a_package_outside_journey() {
    assertThatThrownBy(() -> JourneyArchitecture.rulesFor("com.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("modulePackage must be dev.journey or below it, but was 'com.example'");
  }
}
