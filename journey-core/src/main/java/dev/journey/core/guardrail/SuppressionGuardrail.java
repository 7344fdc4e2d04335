package dev.journey.core.guardrail;

import dev.journey.core.action.Action;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.ResumeOutreach;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.internal.DecisionEdits;
import dev.journey.core.internal.Checks;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.Suppression;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Central suppression policy: entering a state suppresses outreach channels (e.g. entering
 * {@code SALES_ENGAGED} pauses {@code nurture} and {@code marketing}); entering a resume state
 * (e.g. {@code RECYCLED}) lifts what this guardrail suppressed. Enrollments on a suppressed
 * channel are dropped and audited as dropped by {@value #NAME}.
 *
 * <p>The {@code SuppressOutreach} is emitted once: only when the channel is not already
 * suppressed in the snapshot and the decision does not already suppress it. Suppressions this
 * guardrail makes carry the reason {@code suppression:<state>}; only those are resumed.
 *
 * <pre>{@code
 * SuppressionGuardrail suppression = SuppressionGuardrail.builder()
 *     .suppressOnEntering(JourneyModel.SALES_ENGAGED, "nurture", "marketing")
 *     .resumeOnEntering(JourneyModel.RECYCLED, JourneyModel.NURTURE)
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class SuppressionGuardrail implements DecisionStage {
  /** The guardrail name in dropped-action records. */
  public static final String NAME = "suppression";
  /** The prefix of the reasons of suppressions this guardrail makes. */
  public static final String REASON_PREFIX = "suppression:";

  private final Map<String, Set<String>> suppress;
  private final Set<String> resume;

  private SuppressionGuardrail(Builder b) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    b.suppress.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    this.suppress = Collections.unmodifiableMap(copy);
    this.resume = Collections.unmodifiableSet(new LinkedHashSet<>(b.resume));
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Decision apply(Decision decision, Context context) {
    JourneySnapshot snapshot = context.snapshot();
    Decision d = decision;
    Set<String> suppressedNow = new LinkedHashSet<>();
    snapshot.suppressions().forEach(
        (channel, s) -> {
          if (s.activeAt(context.now())) {
            suppressedNow.add(channel);
          }
        });
    boolean entering = decision.changesState();
    if (entering && suppress.containsKey(decision.stateAfter())) {
      for (String channel : suppress.get(decision.stateAfter())) {
        if (suppressedNow.contains(channel) || has(d, SuppressOutreach.class, channel)) {
          continue;
        }
        String reason = REASON_PREFIX + decision.stateAfter();
        d = DecisionEdits.append(d, id -> new SuppressOutreach(id, decision.subject(), channel, reason, Suppression.UNTIL_RESUMED));
        d = d.withTrace("suppression: " + channel + " suppressed on entering " + decision.stateAfter());
      }
    }
    if (entering && resume.contains(decision.stateAfter())) {
      for (Map.Entry<String, Suppression> entry : snapshot.suppressions().entrySet()) {
        String channel = entry.getKey();
        if (entry.getValue().reason().startsWith(REASON_PREFIX) && !has(d, ResumeOutreach.class, channel)) {
          d = DecisionEdits.append(d, id -> new ResumeOutreach(id, decision.subject(), channel));
          d = d.withTrace("suppression: " + channel + " resumed on entering " + decision.stateAfter());
        }
      }
    }
    // The channels suppressed after this decision's own suppress/resume actions.
    Set<String> effective = new LinkedHashSet<>(suppressedNow);
    Map<String, String> why = new LinkedHashMap<>();
    snapshot.suppressions().forEach((c, s) -> why.put(c, s.reason()));
    for (Action action : d.actions()) {
      if (action instanceof SuppressOutreach s) {
        if (s.until().isAfter(context.now())) {
          effective.add(s.channel());
          why.put(s.channel(), s.reason());
        }
      } else if (action instanceof ResumeOutreach resumeOutreach) {
        effective.remove(resumeOutreach.channel());
      }
    }
    if (d.actions().stream().anyMatch(EnrollSequence.class::isInstance)) {
      // a suppression of the contact's company applies to its contacts
      context.account().ifPresent(account -> account.suppressions().forEach((c, s) -> {
        if (s.activeAt(context.now()) && effective.add(c)) {
          why.put(c, "account " + account.subject() + ": " + s.reason());
        }
      }));
    }
    for (Action action : List.copyOf(d.actions())) {
      if (action instanceof EnrollSequence enroll && effective.contains(enroll.channel())) {
        d = d.dropping(
            action,
            NAME,
            "channel " + enroll.channel() + " is suppressed (" + why.getOrDefault(enroll.channel(), "") + ")");
      }
    }
    return d;
  }

  private static boolean has(Decision d, Class<? extends Action> type, String channel) {
    for (Action action : d.actions()) {
      if (type.isInstance(action)) {
        String c =
            action instanceof SuppressOutreach
                ? ((SuppressOutreach) action).channel()
                : ((ResumeOutreach) action).channel();
        if (c.equals(channel)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Configures a {@link SuppressionGuardrail}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Set<String>> suppress = new LinkedHashMap<>();
    private final Set<String> resume = new LinkedHashSet<>();

    Builder() {}

    /**
     * Suppresses {@code channels} when a decision enters {@code state}.
     *
     * @throws IllegalArgumentException when no channel is given
     */
    public Builder suppressOnEntering(String state, String... channels) {
      Checks.notBlank(state, "state");
      if (channels.length == 0) {
        throw new IllegalArgumentException("state '" + state + "' needs at least one channel, but got none");
      }
      Set<String> set = suppress.computeIfAbsent(state, s -> new LinkedHashSet<>());
      for (String channel : channels) {
        set.add(Checks.notBlank(channel, "channel"));
      }
      return this;
    }

    /** Resumes this guardrail's suppressions when a decision enters any of {@code states}. */
    public Builder resumeOnEntering(String... states) {
      for (String state : states) {
        if (suppress.containsKey(state)) {
          throw new IllegalArgumentException(
              "state '" + state + "' must not both suppress and resume, but suppresses " + suppress.get(state));
        }
        resume.add(Checks.notBlank(state, "state"));
      }
      return this;
    }

    /**
     * Builds the guardrail.
     *
     * @throws IllegalStateException when nothing is suppressed
     */
    public SuppressionGuardrail build() {
      if (suppress.isEmpty()) {
        throw new IllegalStateException("declare at least one suppressOnEntering(...)");
      }
      return new SuppressionGuardrail(this);
    }
  }
}
