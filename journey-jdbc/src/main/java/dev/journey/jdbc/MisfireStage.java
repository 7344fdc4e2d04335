package dev.journey.jdbc;

import dev.journey.core.action.Action;
import dev.journey.core.TimerFiring;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.spi.DecisionStage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link DecisionStage} applying a {@link MisfirePolicy} per timer to late timer firings. Timers
 * are matched by name prefix (longest prefix wins), e.g. {@code sla:} or {@code reminder:}; a
 * timer no prefix matches gets the default policy. Register it first, so later stages see the
 * adjusted decision:
 *
 * <pre>{@code
 * MisfireStage misfires = MisfireStage.builder()
 *     .defaultPolicy(MisfirePolicy.fireNow(Duration.ofMinutes(1)))
 *     .policy("reminder:", MisfirePolicy.skipIfLaterThan(Duration.ofHours(4)))
 *     .policy("digest:", MisfirePolicy.coalesce(Duration.ofMinutes(5)))
 *     .build();
 * JourneyDefinition journey =
 *     JourneyDefinition.of("lead-handoff", model, rules, misfires);
 * JourneyEngine engine = JourneyEngine.builder().definition(journey)...build();
 * }</pre>
 *
 * <p>It works with any store, since a timer firing carries its due time as the signal's
 * {@code occurredAt}, and the engine completes the fired timer in the same commit whatever the
 * decision. Immutable and thread-safe.
 */
public final class MisfireStage implements DecisionStage {
  /** The guardrail name recorded on actions of a skipped firing. */
  public static final String GUARDRAIL = "misfire";

  private final MisfirePolicy defaultPolicy;
  private final Map<String, MisfirePolicy> byPrefix;

  private MisfireStage(Builder b) {
    this.defaultPolicy = b.defaultPolicy;
    this.byPrefix = Map.copyOf(b.byPrefix);
  }

  /** Starts a builder; the default policy is fire-now with a one-minute tolerance. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy for a timer name. */
  public MisfirePolicy policyFor(String timerName) {
    MisfirePolicy best = defaultPolicy;
    int bestLength = -1;
    for (Map.Entry<String, MisfirePolicy> e : byPrefix.entrySet()) {
      if (timerName.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
        best = e.getValue();
        bestLength = e.getKey().length();
      }
    }
    return best;
  }

  @Override
  public Decision apply(Decision decision, Context context) {
    if (!context.signal().isTimer()) {
      return decision;
    }
    String name = context.signal().firing().map(TimerFiring::name).orElse("");
    Instant due = context.signal().occurredAt();
    Duration late = Duration.between(due, context.now());
    MisfirePolicy policy = policyFor(name);
    if (late.compareTo(policy.tolerance()) <= 0) {
      return decision;
    }
    if (policy instanceof MisfirePolicy.SkipIfLaterThan) {
      Decision skipped = decision;
      for (Action action : decision.actions()) {
        skipped = skipped.dropping(action, GUARDRAIL, "timer " + name + " fired " + late + " late");
      }
      return skipped
          .withStateAfter(decision.stateBefore())
          .withTimerCommands(List.of())
          .withRequests(List.of())
          .withCounterDeltas(Map.of())
          .withAnnotation("misfire", "skipped")
          .withAnnotation("misfire.lateBy", late.toString())
          .withTrace("timer " + name + " skipped: " + late + " late, bound " + policy.tolerance());
    }
    if (policy instanceof MisfirePolicy.Coalesce) {
      int skippedOccurrences = 0;
      List<TimerCommand> commands = new ArrayList<>(decision.timerCommands().size());
      for (TimerCommand command : decision.timerCommands()) {
        if (command instanceof TimerCommand.Schedule && command.name().equals(name)) {
          TimerCommand.Schedule schedule = (TimerCommand.Schedule) command;
          Duration period = Duration.between(due, schedule.dueAt());
          Instant next = schedule.dueAt();
          if (!period.isNegative() && !period.isZero() && !next.isAfter(context.now())) {
            long behind = Duration.between(next, context.now()).toNanos() / period.toNanos() + 1;
            next = next.plus(period.multipliedBy(behind));
            skippedOccurrences += (int) Math.min(Integer.MAX_VALUE, behind);
          }
          commands.add(new TimerCommand.Schedule(schedule.name(), next, schedule.attributes()));
        } else {
          commands.add(command);
        }
      }
      return decision
          .withTimerCommands(commands)
          .withAnnotation("misfire", "coalesced")
          .withAnnotation("misfire.lateBy", late.toString())
          .withAnnotation("misfire.skippedOccurrences", Integer.toString(skippedOccurrences));
    }
    return decision
        .withAnnotation("misfire", "late")
        .withAnnotation("misfire.lateBy", late.toString());
  }

  /** Configures a {@link MisfireStage}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private MisfirePolicy defaultPolicy = MisfirePolicy.fireNow(Duration.ofMinutes(1));
    private final Map<String, MisfirePolicy> byPrefix = new LinkedHashMap<>();

    Builder() {}

    /** The policy of timers no prefix matches. */
    public Builder defaultPolicy(MisfirePolicy policy) {
      this.defaultPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The policy of timers whose name starts with {@code prefix}.
     *
     * @throws IllegalArgumentException when the prefix is empty
     * @throws IllegalStateException when the prefix already has a policy
     */
    public Builder policy(String prefix, MisfirePolicy policy) {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(policy, "policy");
      if (prefix.isEmpty()) {
        throw new IllegalArgumentException("prefix must not be empty: use defaultPolicy(...)");
      }
      if (byPrefix.containsKey(prefix)) {
        throw new IllegalStateException(
            "prefix '" + prefix + "' already has policy " + byPrefix.get(prefix));
      }
      byPrefix.put(prefix, policy);
      return this;
    }

    /** Builds the stage. */
    public MisfireStage build() {
      return new MisfireStage(this);
    }
  }
}
