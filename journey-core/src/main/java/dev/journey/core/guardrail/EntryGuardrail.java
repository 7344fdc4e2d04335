package dev.journey.core.guardrail;

import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.internal.Checks;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry criteria and re-enrollment policy for one journey state (e.g. {@code SALES_ENGAGED}): a
 * decision that enters the state must meet minimum scores (fit, intent...) and the re-entry
 * rules (at most N entries, a cooldown since the last). Otherwise the decision is held back as a
 * whole: the subject stays where it was, every action is dropped and audited as dropped by
 * {@value #NAME}, and its timer commands and capability requests are discarded.
 *
 * <p>Scores are read from the snapshot's properties, then from the signal's attributes (numbers
 * or numeric strings); a missing score fails the criterion. Entries are counted in the snapshot
 * counters {@code entry.<state>.count} and {@code entry.<state>.lastAt} (epoch seconds). Register
 * it before the capability stages so that a held-back decision routes nobody.
 *
 * <pre>{@code
 * EntryGuardrail entry = EntryGuardrail.builder(JourneyModel.SALES_ENGAGED)
 *     .requireAtLeast("fit_score", 60)
 *     .requireAtLeast("intent_score", 50)
 *     .maxEntries(2)
 *     .reentryCooldown(Duration.ofDays(30))
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class EntryGuardrail implements DecisionStage {
  /** The guardrail name in dropped-action records. */
  public static final String NAME = "entry";

  private final String state;
  private final Map<String, Double> minimums;
  private final int maxEntries;
  private final Duration cooldown;

  private EntryGuardrail(Builder b) {
    this.state = b.state;
    this.minimums = Map.copyOf(b.minimums);
    this.maxEntries = b.maxEntries;
    this.cooldown = b.cooldown;
  }

  /** Starts a guardrail for entries into {@code state}. */
  public static Builder builder(String state) {
    return new Builder(state);
  }

  @Override
  public Decision apply(Decision decision, Context context) {
    if (!decision.changesState() || !decision.stateAfter().equals(state)) {
      return decision;
    }
    JourneySnapshot snapshot = context.snapshot();
    String countKey = "entry." + state + ".count";
    String lastKey = "entry." + state + ".lastAt";
    Optional<String> refusal = refusal(snapshot, context.signal(), context.now(), countKey, lastKey);
    if (refusal.isEmpty()) {
      Decision d = Counters.set(decision, snapshot, countKey, snapshot.counter(countKey) + 1);
      return Counters.set(d, snapshot, lastKey, context.now().getEpochSecond());
    }
    String reason = "entry into " + state + " held back: " + refusal.get();
    Decision d = decision;
    for (Action action : List.copyOf(decision.actions())) {
      d = d.dropping(action, NAME, reason);
    }
    return d.withStateAfter(decision.stateBefore())
        .withTimerCommands(List.of())
        .withRequests(List.of())
        .withTrace(reason);
  }

  private Optional<String> refusal(
      JourneySnapshot snapshot, Signal signal, Instant now, String countKey, String lastKey) {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Double> min : new java.util.TreeMap<>(minimums).entrySet()) {
      Optional<Double> value = number(snapshot, signal, min.getKey());
      if (value.isEmpty()) {
        failures.add(min.getKey() + " missing (needs >= " + format(min.getValue()) + ")");
      } else if (value.get() < min.getValue()) {
        failures.add(min.getKey() + " " + format(value.get()) + " < " + format(min.getValue()));
      }
    }
    long entries = snapshot.counter(countKey);
    if (entries >= maxEntries) {
      failures.add(String.format(Locale.ROOT, "already entered %d time(s), at most %d allowed", entries, maxEntries));
    }
    if (entries > 0 && !cooldown.isZero()) {
      Instant last = Instant.ofEpochSecond(snapshot.counter(lastKey));
      Instant allowedFrom = last.plus(cooldown);
      if (now.isBefore(allowedFrom)) {
        failures.add("re-entry cooldown " + cooldown + " runs until " + allowedFrom);
      }
    }
    return failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
  }

  private static Optional<Double> number(JourneySnapshot snapshot, Signal signal, String name) {
    Optional<String> property = snapshot.property(name);
    if (property.isPresent()) {
      return parse(property.get());
    }
    Optional<Object> attribute = signal.attribute(name);
    if (attribute.isPresent()) {
      Object v = attribute.get();
      return v instanceof Number ? Optional.of(((Number) v).doubleValue()) : parse(String.valueOf(v));
    }
    return Optional.empty();
  }

  private static Optional<Double> parse(String text) {
    try {
      return Optional.of(Double.parseDouble(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * Configures an {@link EntryGuardrail}. Setters validate immediately. Not thread-safe. By
   * default entries are unlimited and there is no cooldown.
   */
  public static final class Builder {
    private final String state;
    private final Map<String, Double> minimums = new LinkedHashMap<>();
    private int maxEntries = Integer.MAX_VALUE;
    private Duration cooldown = Duration.ZERO;

    Builder(String state) {
      this.state = Checks.notBlank(state, "state");
    }

    /** Requires {@code score >= minimum} (read from properties, then signal attributes). */
    public Builder requireAtLeast(String score, double minimum) {
      Checks.notBlank(score, "score");
      if (Double.isNaN(minimum) || Double.isInfinite(minimum)) {
        throw new IllegalArgumentException("minimum must be finite, but was " + minimum);
      }
      minimums.put(score, minimum);
      return this;
    }

    /**
     * At most {@code count} entries into the state over the subject's lifetime (1 = never
     * re-enroll).
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxEntries(int count) {
      this.maxEntries = (int) Checks.atLeast(count, 1, "maxEntries");
      return this;
    }

    /**
     * The least time between two entries.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder reentryCooldown(Duration cooldown) {
      Objects.requireNonNull(cooldown, "cooldown");
      if (cooldown.isNegative()) {
        throw new IllegalArgumentException("reentryCooldown must be >= 0, but was " + cooldown);
      }
      this.cooldown = cooldown;
      return this;
    }

    /** Builds the guardrail. */
    public EntryGuardrail build() {
      return new EntryGuardrail(this);
    }
  }
}
