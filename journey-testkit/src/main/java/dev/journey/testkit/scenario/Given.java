package dev.journey.testkit.scenario;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.testkit.JourneyDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The "given" and "when" of one subject's story. {@code inState}, {@code withOwner}, {@code
 * withProperty}, {@code withCounter} and {@code withTimer} describe the starting snapshot, which
 * is committed through the store (see {@link JourneyDriver#seed}) before the first {@code when}
 * or {@code advance}; without them the subject starts unseen, in the model's initial state.
 */
public final class Given {
  private final Scenario scenario;
  private final SubjectRef subject;
  private JourneySnapshot.Builder seed;
  private int steps;
  private String lastStep = "given";
  private List<AuditRecord> lastRecords = List.of();
  private List<SignalResult> lastResults = List.of();

  Given(Scenario scenario, SubjectRef subject) {
    this.scenario = scenario;
    this.subject = subject;
  }

  private JourneySnapshot.Builder seed() {
    if (seed == null) {
      JourneyDriver driver = scenario.driver();
      seed =
          driver
              .snapshot(subject)
              .orElseGet(
                  () -> JourneySnapshot.initial(subject, driver.model().initialState(), driver.now()))
              .toBuilder();
    }
    return seed;
  }

  /**
   * Starts the subject in {@code state}.
   *
   * @throws dev.journey.core.UnknownStateException when the model has no such state
   */
  public Given inState(String state) {
    Objects.requireNonNull(state, "state");
    scenario.driver().model().requireState(state);
    seed().state(state, scenario.driver().now());
    return this;
  }

  /** Starts the subject with an owner, written by the seed. */
  public Given withOwner(String ownerId) {
    return withProperty(JourneySnapshot.OWNER, ownerId);
  }

  /** Starts the subject with a property, written by the seed. */
  public Given withProperty(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    seed().property(name, value, JourneyDriver.SEED.name(), scenario.driver().now());
    return this;
  }

  /** Starts the subject with a counter value. */
  public Given withCounter(String name, long value) {
    seed().counter(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  /** Starts the subject with a pending timer, as if a decision had scheduled it. */
  public Given withTimer(String name, Moment due) {
    Objects.requireNonNull(name, "name");
    long generation = scenario.driver().snapshot(subject).map(JourneySnapshot::version).orElse(0L) + 1;
    seed().timer(new PendingTimer(name, resolve(due), generation, Map.of()));
    return this;
  }

  /**
   * Signals arrive at {@code moment}, in the given order: the clock moves there first (firing
   * timers due on the way). A moment before the clock's instant is a late delivery: the signals
   * carry that {@code occurredAt} and the clock stays.
   *
   * @return this, for {@link #then()} or the next step
   */
  public Given when(Moment moment, SignalSpec... signals) {
    Objects.requireNonNull(moment, "moment");
    if (signals.length == 0) {
      throw new IllegalArgumentException("when(...) needs at least one signal");
    }
    applySeed();
    JourneyDriver driver = scenario.driver();
    int cursor = driver.recordCount();
    Instant at = resolve(moment);
    List<SignalResult> results = new ArrayList<>();
    StringBuilder label = new StringBuilder("when " + moment);
    for (SignalSpec spec : signals) {
      Signal signal = spec.toSignal(subject, at, scenario.nextSignalId(subject, spec.type()));
      results.add(driver.receive(signal));
      label.append(' ').append(spec.type());
    }
    return step(label.toString(), records(cursor), results);
  }

  /** Signals arrive now, at the clock's instant. */
  public Given when(SignalSpec... signals) {
    return when(Scenario.at(scenario.driver().now()), signals);
  }

  /** Time passes by {@code step} through the engine, firing due timers in order. */
  public Given advance(Duration step) {
    return advanceTo(Scenario.after(step));
  }

  /** Time passes until {@code moment} through the engine, firing due timers in order. */
  public Given advanceTo(Moment moment) {
    Objects.requireNonNull(moment, "moment");
    applySeed();
    JourneyDriver driver = scenario.driver();
    int cursor = driver.recordCount();
    driver.advanceTo(resolve(moment));
    return step("advance to " + moment, records(cursor), List.of());
  }

  /**
   * Checks on the last step: its audit records for this subject and the subject's snapshot. Before
   * any step, the records are empty and the snapshot is the seeded one.
   */
  public Then then() {
    applySeed();
    return new Then(
        this, subject + ", step " + steps + ": " + lastStep, lastRecords, lastResults);
  }

  private Given step(String label, List<AuditRecord> records, List<SignalResult> results) {
    steps++;
    lastStep = label;
    lastRecords = List.copyOf(records);
    lastResults = List.copyOf(results);
    return this;
  }

  /** The subject. */
  public SubjectRef subject() {
    return subject;
  }

  /** The scenario. */
  public Scenario scenario() {
    return scenario;
  }

  /** The subject's current snapshot, or its initial one when the engine has not seen it. */
  public JourneySnapshot snapshot() {
    applySeed();
    JourneyDriver driver = scenario.driver();
    return driver
        .snapshot(subject)
        .orElseGet(() -> JourneySnapshot.initial(subject, driver.model().initialState(), driver.now()));
  }

  private Instant resolve(Moment moment) {
    JourneyDriver driver = scenario.driver();
    return moment.resolve(driver.start(), driver.clock().getZone(), driver.now());
  }

  private void applySeed() {
    if (seed != null) {
      scenario.driver().seed(seed.build());
      seed = null;
    }
  }

  private List<AuditRecord> records(int cursor) {
    List<AuditRecord> mine = new ArrayList<>();
    for (AuditRecord record : scenario.driver().recordsSince(cursor)) {
      if (record.signal().subject().equals(subject)) {
        mine.add(record);
      }
    }
    return mine;
  }
}
