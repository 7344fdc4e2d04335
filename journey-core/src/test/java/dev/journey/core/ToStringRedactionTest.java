package dev.journey.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.journey.core.action.Action;
import dev.journey.core.action.SetProperty;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sweeps every public value type of core that carries subject data (every public record, and
 * every public class overriding {@code toString}, in the packages below) with PII-shaped data in
 * each free-text component, and checks that {@code toString} prints none of it.
 *
 * <p>Components named like identifiers (ids, names, types, states, channels...) get plain tokens:
 * ids are not personal data in Journey, and most of them refuse white space and '@' anyway. Every
 * other String, every attribute, parameter and annotation value and every property value gets a
 * name, an e-mail address and a phone number. A new public record that cannot be built from these
 * rules fails the sweep until it gets a sample here.
 */
final class ToStringRedactionTest {
  private static final Instant T = Instant.parse("2026-03-02T09:15:00Z");
  private static final String PII = "Ada Lovelace <ada.lovelace@example.com> +44 20 7946 0958";
  private static final List<String> MARKERS = List.of("Lovelace", "lovelace@", "7946");
  private static final String TOKEN = "x-1";
  private static final SubjectRef SUBJECT = SubjectRef.contact("1001");
  private static final RuleSetRef RULES = RuleSetRef.of("sweep", "1");

  /** Data-carrying packages swept. */
  private static final List<String> SWEPT =
      List.of(
          "dev.journey.core",
          "dev.journey.core.action",
          "dev.journey.core.decision",
          "dev.journey.core.engine",
          "dev.journey.core.guardrail",
          "dev.journey.core.identity",
          "dev.journey.core.spi",
          "dev.journey.core.state");

  /**
   * Configuration types: they hold no data about subjects. The packages left out of {@link #SWEPT}
   * hold configuration (routing, calendar, rules) or operational figures (metrics, runtime health).
   */
  private static final Set<String> CONFIGURATION =
      Set.of(
          JourneyDefinition.class.getName(),
          JourneyModel.class.getName(),
          dev.journey.core.identity.IdentityKey.class.getName(),
          dev.journey.core.identity.StatePrecedence.class.getName());

  private static final Pattern IDENTIFIER =
      Pattern.compile(
          "id|.*Id|.*Ids|name|type|signalType|key|source|state|stateBefore|stateAfter|channel"
              + "|guardrail|capability|priority|taskType|writer|ruleSet|decidedBy|reasonCode"
              + "|version|hash|label|team|pool|rulesFired|fingerprint|journey|joins|violations");

  private static Signal signal() {
    return Signal.builder().id("s-1").subject(SUBJECT).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T).source("hubspot").attribute("notes", PII).build();
  }

  private static JourneySnapshot snapshot() {
    return JourneySnapshot.initial(SUBJECT, "NURTURE", T).toBuilder()
        .property("email", PII, "hubspot", T)
        .timer(new PendingTimer("sla", T, 1, Map.of("note", PII)))
        .suppression(new Suppression("nurture", PII, T))
        .counter("n", 1)
        .build();
  }

  private static Decision decision() {
    return Decision.builder(snapshot(), signal(), T, RULES)
        .fired("rule")
        .assignOwner("o-1", PII)
        .createTask(PII, PII, T)
        .setProperty("email", PII)
        .notify("o-1", PII)
        .suppress("nurture", PII)
        .escalate("o-2", 1, PII)
        .unenrollSequence("seq-1", PII)
        .request("routing", "emea", Map.of("note", PII))
        .startTimer("sla", T, Map.of("note", PII))
        .trace(PII)
        .annotate("shadow", PII)
        .build();
  }

  /** Components whose values are a closed set: one allowed value each. */
  private static final Map<String, Object> FIXED = Map.of("priority", "HIGH", "taskType", "CALL", "expectedVersion", 0L);

  /** A sample of {@code type} for a component named {@code name}. */
  private static Object sample(Type type, String name) throws Exception {
    Class<?> raw = raw(type);
    if (raw == List.class && name.equals("absorbed")) {
      return List.of(SubjectRef.contact("1002")); // a merge absorbs others than the survivor
    }
    if (FIXED.containsKey(name)) {
      return FIXED.get(name);
    }
    if (raw == String.class && name.equals("hash")) {
      return "0123456789abcdef".repeat(4); // a content hash: rule-set sources accept lower-case hex only
    }
    boolean identifier = IDENTIFIER.matcher(name).matches();
    if (raw == String.class) {
      return identifier ? TOKEN : PII;
    }
    if (raw == int.class || raw == Integer.class) {
      return 1;
    }
    if (raw == long.class || raw == Long.class) {
      return 1L;
    }
    if (raw == double.class || raw == Double.class) {
      return 0.5; // a fraction: valid wherever a record takes one (RetryPolicy's jitter)
    }
    if (raw == boolean.class) {
      return false;
    }
    if (raw == Instant.class) {
      return T;
    }
    if (raw == Duration.class) {
      return Duration.ofMinutes(1);
    }
    if (raw == SubjectRef.class) {
      return SUBJECT;
    }
    if (raw == Signal.class) {
      return signal();
    }
    if (raw == JourneySnapshot.class) {
      return snapshot();
    }
    if (raw == dev.journey.core.feature.FeatureSnapshot.class) {
      return dev.journey.core.feature.FeatureSet.builder()
          .distinctCount("emails", dev.journey.core.feature.SignalMatch.of("FORM_SUBMITTED"), "email")
          .build()
          .fold(dev.journey.core.feature.FeatureSnapshot.EMPTY, signal());
    }
    if (raw == dev.journey.core.feature.FeatureSet.class) {
      return dev.journey.core.feature.FeatureSet.none();
    }
    if (raw == Decision.class) {
      return decision();
    }
    if (raw == RuleSetRef.class) {
      return RULES;
    }
    if (raw == Action.class) {
      return new SetProperty("a-1", SUBJECT, "email", PII);
    }
    if (raw == TimerCommand.class) {
      return new TimerCommand.Schedule("sla", T, Map.of("note", PII));
    }
    if (raw == TimerChange.class) {
      return new TimerChange.Scheduled(new PendingTimer("sla", T, 1, Map.of("note", PII)));
    }
    if (raw == dev.journey.core.engine.SignalResult.class) {
      return new dev.journey.core.engine.SignalResult.Duplicate(signal());
    }
    if (raw == RuntimeException.class) { // an acceptAll failure: its message names ids only
      return new dev.journey.core.SignalIdConflictException("s-1", SUBJECT, SUBJECT);
    }
    if (raw == JourneyException.class) {
      return new InvalidValueException("snapshot", "at most 1 character", "2 characters");
    }
    if (raw == ExecutionResult.class) {
      return new ExecutionResult.Permanent(PII);
    }
    if (raw.isEnum()) {
      return raw.getEnumConstants()[0];
    }
    if (raw == Optional.class) {
      return Optional.of(sample(argument(type, 0), name));
    }
    if (raw == List.class) {
      return List.of(sample(argument(type, 0), name));
    }
    if (raw == Set.class) {
      return Set.of(sample(argument(type, 0), name));
    }
    if (raw == Alias.class) {
      return Alias.of("product-user", "ada.lovelace@example.com");
    }
    if (raw == dev.journey.core.spi.AliasChange.class) {
      return new dev.journey.core.spi.AliasChange.Attach(Alias.of("product-user", "ada.lovelace@example.com"), SUBJECT, false);
    }
    if (raw == dev.journey.core.identity.MergeResult.class) {
      return new dev.journey.core.identity.MergeResult.Unchanged("m-1", SUBJECT);
    }
    if (raw == Map.class) {
      if (raw(argument(type, 0)) == SubjectRef.class) {
        return Map.of(SubjectRef.contact("1002"), sample(argument(type, 1), "value"));
      }
      Class<?> value = raw(argument(type, 1));
      if (value == PropertyValue.class) {
        return Map.of("email", new PropertyValue(PII, "hubspot", T));
      }
      return Map.of(identifier ? "k" : "email", sample(argument(type, 1), identifier ? "key" : "value"));
    }
    if (raw == Object.class) {
      return PII;
    }
    if (raw.isRecord()) {
      return construct(raw);
    }
    throw new AssertionError("no sample for " + type + " (component " + name + "): add one to the sweep");
  }

  private static Object construct(Class<?> record) throws Exception {
    if (record == Alias.class) {
      return Alias.of("product-user", "ada.lovelace@example.com"); // white space is refused
    }
    RecordComponent[] components = record.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = sample(components[i].getGenericType(), components[i].getName());
    }
    Constructor<?> constructor = record.getDeclaredConstructor(types);
    constructor.setAccessible(true);
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(
          "cannot build " + record.getName() + " from the sweep's samples: " + e.getCause(), e.getCause());
    }
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class) {
      return (Class<?>) type;
    }
    return (Class<?>) ((ParameterizedType) type).getRawType();
  }

  private static Type argument(Type type, int index) {
    Type arg = ((ParameterizedType) type).getActualTypeArguments()[index];
    return arg instanceof java.lang.reflect.WildcardType
        ? ((java.lang.reflect.WildcardType) arg).getUpperBounds()[0]
        : arg;
  }

  private static boolean overridesToString(Class<?> type) throws NoSuchMethodException {
    return type.getMethod("toString").getDeclaringClass() == type;
  }

  private static List<Class<?>> sweptTypes() throws Exception {
    List<Class<?>> types = new ArrayList<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.journey.core")) {
      if (!SWEPT.contains(c.getPackageName())
          || !c.getModifiers().contains(JavaModifier.PUBLIC)
          || c.isInterface()
          || c.isEnum()
          || CONFIGURATION.contains(c.getName())) {
        continue;
      }
      Class<?> type = Class.forName(c.getName());
      if (Throwable.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
        continue; // exception messages are checked where they are thrown
      }
      if (type.isRecord() || overridesToString(type)) {
        types.add(type);
      }
    }
    return types;
  }

  @Test
  void should_print_no_personal_data_in_the_to_string_of_any_public_value_type() throws Exception {
    // given every swept type, built with PII in each free-text component
    Map<String, String> printed = new LinkedHashMap<>();
    Set<String> unsampled = new TreeSet<>();
    for (Class<?> type : sweptTypes()) {
      if (type == Signal.class) {
        // a firing only goes on a timer signal, so the generic sample cannot build one
        printed.put(type.getName(), signal().toString());
        printed.put(type.getName() + " (timer)", Signal.timerFired(
            "timer:contact:1001:sla:1", SUBJECT, new TimerFiring("sla", 1, T), Map.of("note", PII)).toString());
      } else if (type.isRecord()) {
        // when
        printed.put(type.getName(), construct(type).toString());
      } else if (type != SignalResult.class && type != dev.journey.core.spi.ActionEffects.class) {
        unsampled.add(type.getName());
      }
    }
    printed.put(SignalResult.class.getName(), signalResult().toString());
    printed.put(
        dev.journey.core.spi.ActionEffects.class.getName(),
        dev.journey.core.spi.ActionEffects.defaults().toString());
    // then
    assertThat(unsampled).as("public classes overriding toString without a sample").isEmpty();
    assertThat(printed).containsKeys(
        Decision.class.getName(), JourneySnapshot.class.getName(),
        dev.journey.core.spi.AuditRecord.class.getName(), dev.journey.core.spi.OutboxEntry.class.getName());
    assertThat(printed).hasSizeGreaterThan(40);
    printed.forEach((type, text) -> {
      for (String marker : MARKERS) {
        assertThat(text).as("%s.toString()", type).doesNotContain(marker);
      }
    });
  }

  @Test
  void should_still_print_identifiers_and_the_shape_of_redacted_values() {
    // when
    String text = snapshot().toString();
    // then
    assertThat(text)
        .contains("subject=contact:1001", "state=NURTURE", "email=PropertyValue[value=<" + PII.length() + " chars>",
            "writer=hubspot", "PendingTimer[name=sla", "attributes=[note]");
  }

  private static SignalResult signalResult() {
    JavaRuleSet rules =
        JavaRuleSet.builder("sweep", "1")
            .rule("copy", f -> true, (f, d) -> d.setProperty("email", PII).trace(PII))
            .build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("sweep").model(JourneyModel.leadHandoff()).evaluator(rules).build())
            .clock(MutableClock.at(T.toString()))
            .build();
    return engine.accept(signal());
  }
}
