package dev.journey.core.metrics;

import dev.journey.core.Signal;
import dev.journey.core.TimerFiring;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.Recycle;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.internal.Checks;
import dev.journey.core.spi.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes journey measurements from audit records: decisions per rule and outcome, transitions,
 * actions by kind, owners assigned, recycles by reason, timers started / cancelled / fired by
 * name, guardrail drops, and per segment and source: handoffs, acceptance (a first touch after
 * the handoff), time to first touch (percentiles), meetings booked and opportunities created.
 *
 * <p>A subject's segment and source are the last values of the configured signal attributes seen
 * for it (default {@code segment} and {@code leadSource}); a handoff is entering the configured
 * handoff state (default {@code SALES_ENGAGED}); a first touch is the first signal of a touch type
 * (default {@link SignalTypes#SALES_ACTIVITY}) after the handoff.
 *
 * <p>Because it reads audit records only, the same figures can be computed live (register it as a
 * {@link JourneyListener}) or afterwards from a decision log. Thread-safe (methods synchronize).
 *
 * <pre>{@code
 * JourneyMetrics metrics = JourneyMetrics.builder().build();
 * JourneyEngine engine = JourneyEngine.builder().definition(journey).listener(metrics).build();
 * ...
 * JourneyMetrics.Summary summary = metrics.summary();
 * }</pre>
 */
public final class JourneyMetrics implements JourneyListener {
  /** The group used when a subject's segment or source is unknown. */
  public static final String UNKNOWN = "(unknown)";

  private final String segmentAttribute;
  private final String sourceAttribute;
  private final String handoffState;
  private final String opportunityState;
  private final List<String> touchTypes;

  private final Map<String, Long> outcomes = new TreeMap<>();
  private final Map<String, Long> rulesFired = new TreeMap<>();
  private final Map<String, Long> transitions = new TreeMap<>();
  private final Map<String, Long> actions = new TreeMap<>();
  private final Map<String, Long> owners = new TreeMap<>();
  private final Map<String, Long> recycles = new TreeMap<>();
  private final Map<String, Long> dropped = new TreeMap<>();
  private final Map<String, Long> timersStarted = new TreeMap<>();
  private final Map<String, Long> timersCancelled = new TreeMap<>();
  private final Map<String, Long> timersFired = new TreeMap<>();
  private final Map<SubjectRef, SubjectFacts> subjects = new HashMap<>();
  private long decisions;

  private JourneyMetrics(Builder b) {
    this.segmentAttribute = b.segmentAttribute;
    this.sourceAttribute = b.sourceAttribute;
    this.handoffState = b.handoffState;
    this.opportunityState = b.opportunityState;
    this.touchTypes = List.copyOf(b.touchTypes);
  }

  /** Starts a builder with the defaults described above. */
  public static Builder builder() {
    return new Builder();
  }

  private static final class SubjectFacts {
    String segment = UNKNOWN;
    String source = UNKNOWN;
    Instant handoffAt;
    Instant firstTouchAt;
    boolean meeting;
    boolean opportunity;
  }

  @Override
  public void onCommitted(AuditRecord record) {
    add(record);
  }

  /** Adds one audit record. */
  public synchronized void add(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    decisions++;
    increment(outcomes, record.outcome().name());
    Signal signal = record.signal();
    SubjectFacts facts = subjects.computeIfAbsent(signal.subject(), s -> new SubjectFacts());
    signal.stringAttribute(segmentAttribute).ifPresent(v -> facts.segment = v);
    signal.stringAttribute(sourceAttribute).ifPresent(v -> facts.source = v);
    if (record.outcome() == AuditRecord.Outcome.STALE_TIMER) {
      return;
    }
    if (signal.isTimer() && record.before().timers().containsKey(timerName(signal))) {
      increment(timersFired, timerName(signal));
    }
    if (record.outcome() != AuditRecord.Outcome.DECIDED) {
      return;
    }
    Decision decision = record.decision();
    decision.rulesFired().forEach(rule -> increment(rulesFired, rule));
    if (decision.changesState()) {
      increment(transitions, decision.stateBefore() + " -> " + decision.stateAfter());
      if (decision.stateAfter().equals(handoffState) && facts.handoffAt == null) {
        facts.handoffAt = signal.occurredAt();
      }
      if (decision.stateAfter().equals(opportunityState)) {
        facts.opportunity = true;
      }
    }
    if (touchTypes.contains(signal.type())
        && facts.handoffAt != null
        && facts.firstTouchAt == null
        && !signal.occurredAt().isBefore(facts.handoffAt)) {
      facts.firstTouchAt = signal.occurredAt();
    }
    if (signal.type().equals(SignalTypes.MEETING_BOOKED)) {
      facts.meeting = true;
    }
    for (Action action : decision.actions()) {
      increment(actions, action.kind().name());
      if (action instanceof AssignOwner) {
        increment(owners, ((AssignOwner) action).ownerId());
      } else if (action instanceof Recycle) {
        increment(recycles, ((Recycle) action).reasonCode());
      }
    }
    for (DroppedAction drop : decision.dropped()) {
      increment(dropped, drop.guardrail());
    }
    for (TimerCommand command : decision.timerCommands()) {
      if (command instanceof TimerCommand.Schedule) {
        increment(timersStarted, command.name());
      } else if (record.before().timers().containsKey(command.name())) {
        increment(timersCancelled, command.name());
      }
    }
  }

  private static String timerName(Signal signal) {
    return signal.firing().map(TimerFiring::name).orElse("");
  }

  private static void increment(Map<String, Long> counts, String key) {
    counts.merge(key, 1L, Long::sum);
  }

  /** Computes the summary of everything added so far. */
  public synchronized Summary summary() {
    Map<String, GroupStats> bySegment = new TreeMap<>();
    Map<String, GroupStats> bySource = new TreeMap<>();
    Map<String, List<Duration>> ttftBySegment = new TreeMap<>();
    Map<String, List<Duration>> ttftBySource = new TreeMap<>();
    List<Duration> all = new ArrayList<>();
    for (SubjectFacts facts : subjects.values()) {
      if (facts.handoffAt == null) {
        continue;
      }
      Duration ttft =
          facts.firstTouchAt == null ? null : Duration.between(facts.handoffAt, facts.firstTouchAt);
      collect(bySegment, ttftBySegment, facts.segment, facts, ttft);
      collect(bySource, ttftBySource, facts.source, facts, ttft);
      if (ttft != null) {
        all.add(ttft);
      }
    }
    Map<String, GroupStats> segments = finish(bySegment, ttftBySegment);
    Map<String, GroupStats> sources = finish(bySource, ttftBySource);
    return new Summary(
        decisions, outcomes, rulesFired, transitions, actions, owners, recycles, dropped,
        timersStarted, timersCancelled, timersFired, Percentiles.of(all), segments, sources);
  }

  private static void collect(
      Map<String, GroupStats> groups,
      Map<String, List<Duration>> ttfts,
      String key,
      SubjectFacts facts,
      Duration ttft) {
    GroupStats g = groups.getOrDefault(key, new GroupStats(0, 0, 0, 0, Percentiles.of(List.of())));
    groups.put(
        key,
        new GroupStats(
            g.handoffs() + 1,
            g.accepted() + (ttft != null ? 1 : 0),
            g.meetings() + (facts.meeting ? 1 : 0),
            g.opportunities() + (facts.opportunity ? 1 : 0),
            g.timeToFirstTouch()));
    if (ttft != null) {
      ttfts.computeIfAbsent(key, k -> new ArrayList<>()).add(ttft);
    }
  }

  private static Map<String, GroupStats> finish(
      Map<String, GroupStats> groups, Map<String, List<Duration>> ttfts) {
    Map<String, GroupStats> done = new TreeMap<>();
    groups.forEach(
        (k, g) ->
            done.put(
                k,
                new GroupStats(
                    g.handoffs(), g.accepted(), g.meetings(), g.opportunities(),
                    Percentiles.of(ttfts.getOrDefault(k, List.of())))));
    return done;
  }

  /**
   * Percentiles of a set of durations (nearest-rank).
   *
   * @param count how many values
   * @param p50 the median
   * @param p90 the 90th percentile
   * @param p99 the 99th percentile
   * @param max the largest
   */
  public record Percentiles(long count, Duration p50, Duration p90, Duration p99, Duration max) {
    /** Computes them; all zero for no values. */
    public static Percentiles of(List<Duration> values) {
      if (values.isEmpty()) {
        return new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
      }
      List<Duration> sorted = new ArrayList<>(values);
      Collections.sort(sorted);
      return new Percentiles(
          sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
          sorted.get(sorted.size() - 1));
    }

    private static Duration rank(List<Duration> sorted, int percentile) {
      int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, index));
    }
  }

  /**
   * Handoff funnel figures of one segment or source.
   *
   * @param handoffs subjects handed off to sales
   * @param accepted of those, first-touched
   * @param meetings of those, with a meeting booked
   * @param opportunities of those, that reached the opportunity state
   * @param timeToFirstTouch time from handoff to first touch
   */
  public record GroupStats(
      long handoffs, long accepted, long meetings, long opportunities, Percentiles timeToFirstTouch) {
    /** {@code accepted / handoffs}, 0 when there were none. */
    public double acceptanceRate() {
      return handoffs == 0 ? 0 : accepted / (double) handoffs;
    }

    /** {@code meetings / handoffs}. */
    public double meetingRate() {
      return handoffs == 0 ? 0 : meetings / (double) handoffs;
    }

    /** {@code opportunities / handoffs}. */
    public double opportunityRate() {
      return handoffs == 0 ? 0 : opportunities / (double) handoffs;
    }
  }

  /**
   * All measurements at one point. Maps are sorted by key and unmodifiable.
   *
   * @param decisions audit records seen
   * @param outcomes records by outcome
   * @param rulesFired firings by rule label
   * @param transitions state changes, {@code "FROM -> TO"}
   * @param actions actions by kind
   * @param owners assignments by owner id
   * @param recycles recycles by reason code
   * @param dropped actions dropped by guardrail
   * @param timersStarted timer schedules by timer name
   * @param timersCancelled cancellations of pending timers by name (e.g. an SLA met)
   * @param timersFired firings of pending timers by name (e.g. an SLA breached)
   * @param timeToFirstTouch over all handoffs
   * @param bySegment funnel figures by segment
   * @param bySource funnel figures by source
   */
  public record Summary(
      long decisions,
      Map<String, Long> outcomes,
      Map<String, Long> rulesFired,
      Map<String, Long> transitions,
      Map<String, Long> actions,
      Map<String, Long> owners,
      Map<String, Long> recycles,
      Map<String, Long> dropped,
      Map<String, Long> timersStarted,
      Map<String, Long> timersCancelled,
      Map<String, Long> timersFired,
      Percentiles timeToFirstTouch,
      Map<String, GroupStats> bySegment,
      Map<String, GroupStats> bySource) {
    /** Copies. */
    public Summary {
      outcomes = copy(outcomes);
      rulesFired = copy(rulesFired);
      transitions = copy(transitions);
      actions = copy(actions);
      owners = copy(owners);
      recycles = copy(recycles);
      dropped = copy(dropped);
      timersStarted = copy(timersStarted);
      timersCancelled = copy(timersCancelled);
      timersFired = copy(timersFired);
      bySegment = copy(bySegment);
      bySource = copy(bySource);
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
      return Collections.unmodifiableMap(new TreeMap<>(map));
    }
  }

  /** Configures {@link JourneyMetrics}. Not thread-safe. */
  public static final class Builder {
    private String segmentAttribute = "segment";
    private String sourceAttribute = "leadSource";
    private String handoffState = "SALES_ENGAGED";
    private String opportunityState = "OPPORTUNITY_ACTIVE";
    private List<String> touchTypes = List.of(SignalTypes.SALES_ACTIVITY);

    Builder() {}

    /** The signal attribute holding a subject's segment; default {@code segment}. */
    public Builder segmentAttribute(String name) {
      this.segmentAttribute = Checks.notBlank(name, "segmentAttribute");
      return this;
    }

    /** The signal attribute holding a subject's source; default {@code leadSource}. */
    public Builder sourceAttribute(String name) {
      this.sourceAttribute = Checks.notBlank(name, "sourceAttribute");
      return this;
    }

    /** The state whose entry is a handoff; default {@code SALES_ENGAGED}. */
    public Builder handoffState(String state) {
      this.handoffState = Checks.notBlank(state, "handoffState");
      return this;
    }

    /** The state whose entry is an opportunity; default {@code OPPORTUNITY_ACTIVE}. */
    public Builder opportunityState(String state) {
      this.opportunityState = Checks.notBlank(state, "opportunityState");
      return this;
    }

    /**
     * Signal types that count as a touch; default {@link SignalTypes#SALES_ACTIVITY}.
     *
     * @throws IllegalArgumentException when empty
     */
    public Builder touchTypes(String... types) {
      if (types.length == 0) {
        throw new IllegalArgumentException("touchTypes must name at least one type, but was empty");
      }
      this.touchTypes = List.of(types);
      return this;
    }

    /** Builds an empty collector. */
    public JourneyMetrics build() {
      return new JourneyMetrics(this);
    }
  }
}
