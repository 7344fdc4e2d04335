package dev.journey.testkit.replay;

import dev.journey.core.Signal;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.spi.SharedState;
import dev.journey.testkit.internal.DecisionDifferences;
import dev.journey.testkit.JourneyDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Replays recorded signals through a fresh engine on a virtual clock, in the order of the log.
 * The clock follows the signals' {@code occurredAt} (a signal older than the clock is delivered
 * late), due timers fire as time passes, and at the end the clock moves to the {@link
 * Builder#endAt end instant}, or, by default, on until no timer is pending (bounded by {@link
 * Builder#quiescenceHorizon}). Actions stay in the outbox: a replay executes nothing.
 *
 * <pre>{@code
 * ReplayResult result = Replay.builder()
 *     .definition(journey)
 *     .listener(progress)
 *     .build()
 *     .run(Path.of("signals.jsonl"));
 * result.writeDecisions(Path.of("decisions.jsonl"));
 * }</pre>
 *
 * <p>{@link #reproduce} goes the other way: it recomputes one recorded decision from its audit
 * record alone (snapshot, signal, instant and the stage inputs it recorded) and proves it equal, or
 * names the first difference.
 *
 * <p>Immutable and thread-safe: every {@code run} uses its own engine, store and clock.
 */
public final class Replay {
  /** Default bound on running to quiescence: 400 days after the last signal. */
  public static final Duration DEFAULT_QUIESCENCE_HORIZON = Duration.ofDays(400);

  private final JourneyDefinition definition;
  private final List<ReplayListener> listeners;
  private final Instant endAt;
  private final Duration horizon;
  private final JourneyEngine recomputer;

  private Replay(Builder b) {
    this.definition = b.definition;
    this.recomputer = JourneyEngine.builder().definition(b.definition).build();
    this.listeners = List.copyOf(b.listeners);
    this.endAt = b.endAt;
    this.horizon = b.horizon;
  }

  /** Starts a builder; a journey definition is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Replays the signals of a JSON-lines file.
   *
   * @throws SignalLogException naming the file and line of the first bad line
   */
  public ReplayResult run(Path signals) {
    return run(JsonLines.readSignals(Objects.requireNonNull(signals, "signals")));
  }

  /** Replays signals in the given order. */
  public ReplayResult run(List<Signal> signals) {
    Objects.requireNonNull(signals, "signals");
    Instant start =
        signals.stream()
            .map(Signal::occurredAt)
            .min(Comparator.naturalOrder())
            .orElse(endAt != null ? endAt : JourneyDriver.DEFAULT_START);
    if (endAt != null && endAt.isBefore(start)) {
      throw new IllegalArgumentException(
          "endAt must not be before the first signal (" + start + "), but was " + endAt);
    }
    JourneyDriver.Builder config =
        JourneyDriver.builder().definition(definition).start(start);
    if (!listeners.isEmpty()) {
      config.listener(
          new JourneyListener() {
            @Override
            public void onCommitted(AuditRecord record) {
              listeners.forEach(l -> l.onRecord(record));
            }
          });
    }
    JourneyDriver driver = config.build();
    int duplicates = 0;
    Instant last = start;
    for (int i = 0; i < signals.size(); i++) {
      Signal signal = signals.get(i);
      SignalResult result = driver.receive(signal);
      if (result instanceof SignalResult.Duplicate) {
        duplicates++;
      }
      if (signal.occurredAt().isAfter(last)) {
        last = signal.occurredAt();
      }
      for (ReplayListener listener : listeners) {
        listener.onSignal(i, signals.size(), signal, result);
      }
    }
    if (endAt != null) {
      driver.advanceTo(endAt);
    } else {
      driver.advanceToQuiescence(last.plus(horizon));
    }
    List<LoggedDecision> decisions = new ArrayList<>();
    driver.records().forEach(r -> decisions.add(LoggedDecision.of(r)));
    int pendingTimers = 0;
    for (var snapshot : driver.store().snapshots().values()) {
      pendingTimers += snapshot.timers().size();
    }
    return new ReplayResult(
        decisions,
        driver.store().snapshots(),
        signals.size(),
        duplicates,
        driver.store().pendingActions().size(),
        pendingTimers,
        start,
        driver.now());
  }

  /**
   * Recomputes a recorded decision with this replay's journey definition from the audit record
   * alone ({@link JourneyEngine#recompute}) and compares the two records field by field.
   * Differences come most telling first: the rule set that decided (another version or content
   * hash), then each stage input the wiring now gives otherwise (an owner's availability, a pool,
   * a calendar fingerprint, a shared state read that was not recorded), then the outcome and each
   * differing aspect of the decision (state, owner, actions, timers, drops, counters, trace,
   * annotations, action ids). When the record keeps the evaluator's decision before the stages
   * ({@link StageInputs#evaluated()}), the differences of that decision come before those of the
   * final one, prefixed {@code evaluator output}, or a line says the evaluator agreed and the
   * stages decided otherwise. A record is reproduced when the recomputed record equals it in every
   * field (the evaluator's decision compared only when the record keeps one).
   *
   * <pre>{@code
   * Reproduction r = Replay.builder().definition(journey).build().reproduce(record);
   * assertThat(r.differences()).isEmpty();
   * }</pre>
   */
  public Reproduction reproduce(AuditRecord recorded) {
    Objects.requireNonNull(recorded, "recorded");
    AuditRecord recomputed;
    try {
      recomputed = recomputer.recompute(recorded);
    } catch (RuntimeException e) {
      return new Reproduction(
          recorded, Optional.empty(),
          List.of("recomputing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    return new Reproduction(recorded, Optional.of(recomputed), differences(recorded, recomputed));
  }

  /** Reproduces every record, in order. */
  public List<Reproduction> reproduce(List<AuditRecord> recorded) {
    Objects.requireNonNull(recorded, "recorded");
    List<Reproduction> out = new ArrayList<>(recorded.size());
    for (AuditRecord record : recorded) {
      out.add(reproduce(record));
    }
    return out;
  }

  private static List<String> differences(AuditRecord x, AuditRecord y) {
    List<String> lines = new ArrayList<>();
    if (!x.decision().ruleSet().equals(y.decision().ruleSet())) {
      lines.add(
          "rule set: recorded " + x.decision().ruleSet() + " but recomputed with " + y.decision().ruleSet()
              + " (give the rule set that decided)");
    }
    Map<String, String> was = x.inputs().facts();
    Map<String, String> now = y.inputs().facts();
    for (String name : new TreeSet<>(union(was.keySet(), now.keySet()))) {
      String a = was.getOrDefault(name, "(not noted)");
      String b = now.getOrDefault(name, "(not noted)");
      if (!a.equals(b)) {
        lines.add("stage input " + name + ": recorded " + a + " but now " + b);
      }
    }
    for (SharedState state : y.inputs().shared()) {
      if (x.inputs().read(state.key()).isEmpty()) {
        lines.add("stage input " + state.key() + ": read now but not recorded (read as never written)");
      }
    }
    for (SharedState state : x.inputs().shared()) {
      if (y.inputs().read(state.key()).isEmpty()) {
        lines.add("stage input " + state.key() + ": recorded as read but not read now");
      }
    }
    // the evaluator's part first: its decision before the stages, as recorded when a stage
    // changed it (a record without it was either passed on unchanged or written before it was
    // kept: then only the decisions are compared)
    if (x.inputs().evaluated().isPresent()) {
      List<DecisionDifferences.Difference> evaluator =
          DecisionDifferences.of("recorded", "recomputed", true)
              .compare(outcome(x), x.inputs().evaluatedOr(x.decision()), outcome(y), y.inputs().evaluatedOr(y.decision()))
              .stream().filter(d -> d.aspect() != DecisionDifferences.Aspect.OUTCOME).toList();
      evaluator.forEach(d -> lines.add("evaluator output " + d.line()));
      if (evaluator.isEmpty() && !x.decision().equals(y.decision())) {
        lines.add("evaluator output: equal to the recorded one; the stages decided otherwise");
      }
    }
    DecisionDifferences.of("recorded", "recomputed", true)
        .compare(outcome(x), x.decision(), outcome(y), y.decision())
        .forEach(d -> lines.add(d.line()));
    if (x.inputs().evaluated().isEmpty() && y.inputs().evaluated().isPresent()) {
      y = y.withInputs(new StageInputs(y.inputs().shared(), y.inputs().facts()));
    }
    if (lines.isEmpty() && !x.equals(y)) {
      lines.add("audit record: recorded " + x + " but recomputed " + y);
    }
    return lines;
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static String outcome(AuditRecord r) {
    return r.error().map(e -> r.outcome() + " (" + e + ")").orElse(r.outcome().name());
  }

  /**
   * Configures a {@link Replay}. Setters validate immediately; {@link #build()} checks that a
   * journey definition is set. Not thread-safe; the built replay is independent of the builder.
   */
  public static final class Builder {
    private JourneyDefinition definition;
    private final List<ReplayListener> listeners = new ArrayList<>();
    private Instant endAt;
    private Duration horizon = DEFAULT_QUIESCENCE_HORIZON;

    Builder() {}

    /** The journey to replay: its model, evaluator and stages (required). */
    public Builder definition(JourneyDefinition definition) {
      this.definition = Objects.requireNonNull(definition, "definition");
      return this;
    }

    /** Adds a listener. */
    public Builder listener(ReplayListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Ends the replay at {@code endAt}, firing timers due until then; default: run on until no
     * timer is pending.
     */
    public Builder endAt(Instant endAt) {
      this.endAt = Objects.requireNonNull(endAt, "endAt");
      return this;
    }


    /**
     * How far after the last signal running to quiescence may go; default {@link
     * #DEFAULT_QUIESCENCE_HORIZON}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder quiescenceHorizon(Duration horizon) {
      Objects.requireNonNull(horizon, "horizon");
      if (horizon.isNegative() || horizon.isZero()) {
        throw new IllegalArgumentException("quiescenceHorizon must be > 0, but was " + horizon);
      }
      this.horizon = horizon;
      return this;
    }

    /**
     * Builds the replay.
     *
     * @throws IllegalStateException when no definition was set
     */
    public Replay build() {
      if (definition == null) {
        throw new IllegalStateException(
            "a journey definition is required: call definition(JourneyDefinition)");
      }
      return new Replay(this);
    }
  }
}
