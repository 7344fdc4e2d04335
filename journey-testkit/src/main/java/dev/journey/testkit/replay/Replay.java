package dev.journey.testkit.replay;

import dev.journey.core.Signal;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.JourneyDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replays recorded signals through a fresh engine on a virtual clock, in the order of the log.
 * The clock follows the signals' {@code occurredAt} (a signal older than the clock is delivered
 * late), due timers fire as time passes, and at the end the clock moves to the {@link
 * Builder#endAt end instant}, or, by default, on until no timer is pending (bounded by {@link
 * Builder#quiescenceHorizon}). Actions stay in the outbox: a replay executes nothing.
 *
 * <pre>{@code
 * ReplayResult result = Replay.builder()
 *     .evaluator(rules)
 *     .model(JourneyModel.leadHandoff())
 *     .stages(List.of(routing, sla))
 *     .listener(progress)
 *     .build()
 *     .run(Path.of("signals.jsonl"));
 * result.writeDecisions(Path.of("decisions.jsonl"));
 * }</pre>
 *
 * <p>Immutable and thread-safe: every {@code run} uses its own engine, store and clock.
 */
public final class Replay {
  /** Default bound on running to quiescence: 400 days after the last signal. */
  public static final Duration DEFAULT_QUIESCENCE_HORIZON = Duration.ofDays(400);

  private final JourneyEvaluator evaluator;
  private final JourneyModel model;
  private final List<DecisionStage> stages;
  private final List<ReplayListener> listeners;
  private final Instant endAt;
  private final Duration horizon;

  private Replay(Builder b) {
    this.evaluator = b.evaluator;
    this.model = b.model;
    this.stages = List.copyOf(b.stages);
    this.listeners = List.copyOf(b.listeners);
    this.endAt = b.endAt;
    this.horizon = b.horizon;
  }

  /** Starts a builder; an evaluator is required. */
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
        JourneyDriver.builder().evaluator(evaluator).model(model).stages(stages).start(start);
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
      if (result.status() == SignalResult.Status.DUPLICATE) {
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
   * Configures a {@link Replay}. Setters validate immediately; {@link #build()} checks that an
   * evaluator is set. Not thread-safe; the built replay is independent of the builder.
   */
  public static final class Builder {
    private JourneyEvaluator evaluator;
    private JourneyModel model = JourneyModel.leadHandoff();
    private final List<DecisionStage> stages = new ArrayList<>();
    private final List<ReplayListener> listeners = new ArrayList<>();
    private Instant endAt;
    private Duration horizon = DEFAULT_QUIESCENCE_HORIZON;

    Builder() {}

    /** The evaluator (required). */
    public Builder evaluator(JourneyEvaluator evaluator) {
      this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
      return this;
    }

    /** The journey model; default {@link JourneyModel#leadHandoff()}. */
    public Builder model(JourneyModel model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** Adds a decision stage; stages run in the order added. */
    public Builder stage(DecisionStage stage) {
      stages.add(Objects.requireNonNull(stage, "stage"));
      return this;
    }

    /** Adds decision stages in order. */
    public Builder stages(List<? extends DecisionStage> stages) {
      Objects.requireNonNull(stages, "stages").forEach(this::stage);
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
     * @throws IllegalStateException when no evaluator was set
     */
    public Replay build() {
      if (evaluator == null) {
        throw new IllegalStateException("an evaluator is required: call evaluator(...)");
      }
      return new Replay(this);
    }
  }
}
