package dev.journey.core.guardrail;

import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.internal.Checks;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.JourneySnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Single-writer ownership of critical properties: each declared property (the owner, the
 * lifecycle stage, the deal stage...) names its writers, rule-set names or signal sources. An
 * action that writes a declared property, from a decision whose rule set and signal source are
 * both not among its writers, is dropped and recorded in the audit as dropped by {@value #NAME}.
 * Undeclared properties are not guarded.
 *
 * <p>Which properties an action writes is the journey's {@link
 * dev.journey.core.spi.ActionEffects} table ({@link DecisionStage.Context#effects()}), the same
 * one that applies the action to the snapshot: with core's defaults {@code AssignOwner} writes
 * {@value JourneySnapshot#OWNER} and {@code SetProperty} its name; a CRM adapter's table says
 * what a deal-stage update writes (HubSpot's: {@code dealstage} and {@code pipeline}). Register it
 * after the capability stages so that it also guards the owners that routing assigns.
 *
 * <pre>{@code
 * SingleWriterGuardrail writers = SingleWriterGuardrail.builder()
 *     .property(JourneySnapshot.OWNER, "lead-handoff")
 *     .property("lifecyclestage", "lead-handoff", "hubspot")
 *     .property("dealstage", "deal-desk")
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class SingleWriterGuardrail implements DecisionStage {
  /** The guardrail name in dropped-action records. */
  public static final String NAME = "single-writer";

  private final Map<String, Set<String>> writers;

  private SingleWriterGuardrail(Map<String, Set<String>> writers) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    writers.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    this.writers = Collections.unmodifiableMap(copy);
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The declared writers per property. */
  public Map<String, Set<String>> writers() {
    return writers;
  }

  @Override
  public Decision apply(Decision decision, Context context) {
    String ruleSet = decision.ruleSet().name();
    String source = context.signal().source();
    Decision result = decision;
    for (Action action : decision.actions()) {
      Optional<String> property = firstForbidden(context.effects(), action, ruleSet, source);
      if (property.isEmpty()) {
        continue;
      }
      Set<String> allowed = writers.get(property.get());
      result =
          result.dropping(
              action,
              NAME,
              String.format(
                  java.util.Locale.ROOT,
                  "%s is written only by %s, not by rule set %s (signal source %s)",
                  property.get(),
                  allowed,
                  ruleSet,
                  source));
    }
    return result;
  }

  /** The first declared property {@code action} writes that neither writer may write. */
  private Optional<String> firstForbidden(
      ActionEffects effects, Action action, String ruleSet, String source) {
    for (String property : effects.propertiesWritten(action)) {
      Set<String> allowed = writers.get(property);
      if (allowed != null && !allowed.contains(ruleSet) && !allowed.contains(source)) {
        return Optional.of(property);
      }
    }
    return Optional.empty();
  }

  /** Configures a {@link SingleWriterGuardrail}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Set<String>> writers = new LinkedHashMap<>();

    Builder() {}

    /**
     * Declares the writers (rule-set names or signal sources) of {@code property}.
     *
     * @throws IllegalArgumentException when no writer is given or the property was declared
     *     already
     */
    public Builder property(String property, String... writerNames) {
      Checks.notBlank(property, "property");
      if (writerNames.length == 0) {
        throw new IllegalArgumentException("property '" + property + "' needs at least one writer, but got none");
      }
      Set<String> set = new LinkedHashSet<>();
      for (String writer : writerNames) {
        set.add(Checks.notBlank(writer, "writer"));
      }
      if (writers.containsKey(property)) {
        throw new IllegalArgumentException(
            "property '" + property + "' was already declared with writers " + writers.get(property));
      }
      writers.put(property, set);
      return this;
    }

    /**
     * Builds the guardrail.
     *
     * @throws IllegalStateException when no property was declared
     */
    public SingleWriterGuardrail build() {
      if (writers.isEmpty()) {
        throw new IllegalStateException("declare at least one property(...)");
      }
      return new SingleWriterGuardrail(writers);
    }
  }

}
