package dev.journey.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The architecture rules every Journey module checks, as ArchUnit rules over one module's main
 * classes:
 *
 * <ul>
 *   <li>{@link #freeOfPackageCycles}: no two packages of the module depend on each other, directly
 *       or through others (every package is its own slice, a parent and its child included);
 *   <li>{@link #noForeignInternals}: the module uses no other module's {@code ..internal..}
 *       packages;
 *   <li>{@link #noInternalTypesInPublicApi}: public types outside {@code internal} expose no
 *       {@code internal} type in a public or protected signature (supertypes, fields, parameters,
 *       return types, type arguments);
 *   <li>{@link #coreFreeOfInfrastructure}: core depends on no rule engine, JSON library, HTTP
 *       client, JDBC or Guava.
 * </ul>
 *
 * <p>A module's test runs {@link #checkModule}:
 *
 * <pre>{@code
 * @Test
 * void should_follow_the_journey_architecture_rules() {
 *   JourneyArchitecture.checkModule("dev.journey.jdbc");
 * }
 * }</pre>
 */
public final class JourneyArchitecture {
  /** The root of every Journey package. */
  public static final String ROOT = "dev.journey";

  /** Packages core must not depend on: rule engines, JSON, HTTP, JDBC, Guava. */
  public static final List<String> INFRASTRUCTURE =
      List.of(
          "org.drools..", "org.kie..", "com.fasterxml..", "com.google..", "java.net.http..",
          "org.apache.http..", "okhttp3..", "java.sql..", "javax.sql..");

  private JourneyArchitecture() {}

  /** The main (non-test) classes of {@code modulePackage} and its subpackages. */
  public static JavaClasses mainClasses(String modulePackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(Objects.requireNonNull(modulePackage, "modulePackage"));
  }

  /**
   * Checks every rule that applies to the module rooted at {@code modulePackage} (the core rule
   * only for {@code dev.journey.core}) against its main classes.
   *
   * @throws AssertionError naming every violation
   */
  public static void checkModule(String modulePackage) {
    JavaClasses classes = mainClasses(modulePackage);
    for (ArchRule rule : rulesFor(modulePackage)) {
      rule.check(classes);
    }
  }

  /** The rules that apply to the module rooted at {@code modulePackage}. */
  public static List<ArchRule> rulesFor(String modulePackage) {
    List<ArchRule> rules = new ArrayList<>();
    rules.add(freeOfPackageCycles(modulePackage));
    rules.add(noForeignInternals(modulePackage));
    rules.add(noInternalTypesInPublicApi(modulePackage));
    if (modulePackage.equals(ROOT + ".core")) {
      rules.add(coreFreeOfInfrastructure());
    }
    return rules;
  }

  /**
   * No cycles between the packages under {@code modulePackage}, each package a slice. A {@link
   * SliceRule}, so a module can name a known exception with {@code ignoreDependency}.
   */
  public static SliceRule freeOfPackageCycles(String modulePackage) {
    requireJourneyPackage(modulePackage);
    return SlicesRuleDefinition.slices()
        .matching(ROOT + ".(**)")
        .that(
            new DescribedPredicate<Slice>("reside in " + modulePackage) {
              @Override
              public boolean test(Slice slice) {
                return slice.stream().allMatch(c -> inModule(c, modulePackage));
              }
            })
        .should()
        .beFreeOfCycles()
        .as("packages of " + modulePackage + " should be free of cycles");
  }

  /** Classes under {@code modulePackage} use no {@code ..internal..} package of another module. */
  public static ArchRule noForeignInternals(String modulePackage) {
    requireJourneyPackage(modulePackage);
    return noClasses()
        .that()
        .resideInAPackage(modulePackage + "..")
        .should()
        .dependOnClassesThat(
            new DescribedPredicate<>("reside in another module's internal package") {
              @Override
              public boolean test(JavaClass target) {
                return isInternal(target.getPackageName())
                    && target.getPackageName().startsWith(ROOT + ".")
                    && !inModule(target, modulePackage);
              }
            })
        .as(modulePackage + " should not use another module's internal packages");
  }

  /** Public types outside {@code internal} expose no {@code internal} type in their public API. */
  public static ArchRule noInternalTypesInPublicApi(String modulePackage) {
    requireJourneyPackage(modulePackage);
    return classes()
        .that()
        .resideInAPackage(modulePackage + "..")
        .and()
        .arePublic()
        .and(
            new DescribedPredicate<>("are outside internal packages") {
              @Override
              public boolean test(JavaClass type) {
                return !isInternal(type.getPackageName());
              }
            })
        .should(exposeNoInternalTypes())
        .as("the public API of " + modulePackage + " should expose no internal types");
  }

  /** Core depends on no rule engine, JSON library, HTTP client, JDBC or Guava. */
  public static ArchRule coreFreeOfInfrastructure() {
    return freeOfInfrastructure(ROOT + ".core");
  }

  /**
   * Classes under {@code modulePackage} depend on no rule engine, JSON library, HTTP client, JDBC
   * or Guava ({@link #INFRASTRUCTURE}).
   */
  public static ArchRule freeOfInfrastructure(String modulePackage) {
    requireJourneyPackage(modulePackage);
    return noClasses()
        .that()
        .resideInAPackage(modulePackage + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INFRASTRUCTURE.toArray(new String[0]))
        .as(modulePackage + " should depend on no rule engine, JSON library, HTTP client, JDBC or Guava");
  }

  private static ArchCondition<JavaClass> exposeNoInternalTypes() {
    return new ArchCondition<>("expose no internal types") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        if (!visible(type)) {
          return;
        }
        List<String> exposures = new ArrayList<>();
        type.getRawSuperclass()
            .ifPresent(s -> note(exposures, "extends", Set.of(s)));
        note(exposures, "implements", new java.util.LinkedHashSet<>(type.getRawInterfaces()));
        for (JavaField field : type.getFields()) {
          if (visible(field.getModifiers())) {
            note(exposures, "field " + field.getName(), referenced(field.getType()));
          }
        }
        for (JavaCodeUnit unit : type.getCodeUnits()) {
          if (!visible(unit.getModifiers()) || unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
            continue;
          }
          Set<JavaClass> used = new java.util.LinkedHashSet<>(referenced(unit.getReturnType()));
          for (JavaType parameter : unit.getParameterTypes()) {
            used.addAll(referenced(parameter));
          }
          note(exposures, unit.getName() + "(..)", used);
        }
        for (String exposure : exposures) {
          events.add(
              SimpleConditionEvent.violated(
                  type,
                  String.format(
                      Locale.ROOT, "%s exposes an internal type: %s", type.getName(), exposure)));
        }
      }
    };
  }

  private static void note(List<String> exposures, String where, Set<JavaClass> used) {
    Set<String> internal = new TreeSet<>();
    for (JavaClass c : used) {
      JavaClass base = c.isArray() ? c.getBaseComponentType() : c;
      if (isInternal(base.getPackageName()) && base.getPackageName().startsWith(ROOT + ".")) {
        internal.add(base.getName());
      }
    }
    if (!internal.isEmpty()) {
      exposures.add(where + " uses " + internal);
    }
  }

  private static Set<JavaClass> referenced(JavaType type) {
    return type.getAllInvolvedRawTypes();
  }

  private static boolean visible(JavaClass type) {
    for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isInternal(String packageName) {
    return packageName.endsWith(".internal") || packageName.contains(".internal.");
  }

  private static boolean inModule(JavaClass type, String modulePackage) {
    String p = type.getPackageName();
    return p.equals(modulePackage) || p.startsWith(modulePackage + ".");
  }

  private static void requireJourneyPackage(String modulePackage) {
    Objects.requireNonNull(modulePackage, "modulePackage");
    if (!modulePackage.equals(ROOT) && !modulePackage.startsWith(ROOT + ".")) {
      throw new IllegalArgumentException(
          "modulePackage must be " + ROOT + " or below it, but was '" + modulePackage + "'");
    }
  }
}
