package dev.journey.core.sla;

import dev.journey.core.Signal;
import dev.journey.core.state.PendingTimer;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a running SLA, read from its timer: which policy, whether it is a reminder or the
 * breach, when the SLA started and when it is due. Rules read it from a timer firing instead of
 * the attribute keys the {@link SlaStage} writes (those keys are listed on {@link SlaStage}).
 *
 * <pre>{@code
 * SlaStep.of(signal).filter(s -> s.policy().equals("first-touch") && s.breached())
 * SlaStep.of(snapshot.timer("sla:first-touch").orElseThrow()).map(SlaStep::dueAt)
 * }</pre>
 *
 * @param policy the SLA policy's name
 * @param kind reminder or breach
 * @param index the reminder's index (0 = first), or the breach's number (1 = first breach)
 * @param startedAt when the SLA started
 * @param dueAt when the SLA is due (the breach step's time; a reminder fires earlier)
 * @param owner the owner the SLA runs for; empty when the subject had none
 */
public record SlaStep(
    String policy, Kind kind, int index, Instant startedAt, Instant dueAt, Optional<String> owner) {

  /** The kinds of SLA step. */
  public enum Kind {
    /** A reminder before the SLA is due. */
    REMINDER,
    /** The SLA is due: the first or the second breach. */
    BREACH
  }

  /** Validates. */
  public SlaStep {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(owner, "owner");
    if (owner.isPresent() && owner.get().isBlank()) {
      throw new IllegalArgumentException("owner must not be blank, but was '" + owner.get() + "'");
    }
  }

  /** Whether this step is the breach. */
  public boolean breached() {
    return kind == Kind.BREACH;
  }

  /** Whether this step is a reminder. */
  public boolean reminder() {
    return kind == Kind.REMINDER;
  }

  /** The SLA step a timer firing stands for; empty when the signal is not an SLA timer firing. */
  public static Optional<SlaStep> of(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    if (!signal.isTimer()) {
      return Optional.empty();
    }
    return from(
        key -> signal.stringAttribute(key).orElse(""));
  }

  /** The SLA step a pending timer will fire; empty when it is not an SLA timer. */
  public static Optional<SlaStep> of(PendingTimer timer) {
    Objects.requireNonNull(timer, "timer");
    Map<String, String> attributes = timer.attributes();
    return from(key -> attributes.getOrDefault(key, ""));
  }

  private static Optional<SlaStep> from(java.util.function.Function<String, String> attribute) {
    String policy = attribute.apply(SlaStage.ATTR_POLICY);
    String step = attribute.apply(SlaStage.ATTR_STEP);
    String started = attribute.apply(SlaStage.ATTR_STARTED_AT);
    String due = attribute.apply(SlaStage.ATTR_DUE_AT);
    if (policy.isEmpty() || started.isEmpty() || due.isEmpty()) {
      return Optional.empty();
    }
    Kind kind;
    if (step.equals(SlaStage.STEP_REMINDER)) {
      kind = Kind.REMINDER;
    } else if (step.equals(SlaStage.STEP_BREACH)) {
      kind = Kind.BREACH;
    } else {
      return Optional.empty();
    }
    int index;
    try {
      index = Integer.parseInt(attribute.apply(SlaStage.ATTR_INDEX));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(
        new SlaStep(
            policy,
            kind,
            index,
            Instant.parse(started),
            Instant.parse(due),
            Optional.of(attribute.apply(SlaStage.ATTR_OWNER)).filter(owner -> !owner.isBlank())));
  }
}
