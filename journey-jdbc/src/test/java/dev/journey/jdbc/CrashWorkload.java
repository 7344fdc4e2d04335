package dev.journey.jdbc;

import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * What one incarnation of the crash-test process does, in the child JVM ({@link CrashChild}) and
 * in-process for the uninterrupted reference: the {@link Scenario}'s signals in order on a virtual
 * clock set from each signal, the outbox relay after each, then running to quiescence. It reports
 * on {@code out}: {@code A <step>} once a signal was accepted (the acknowledgement), {@code E
 * <action id> <attempt>} once an action's effect was applied (before the relay records it), and
 * {@code Q} when nothing is left to do.
 *
 * <p>The executor exercises the relay's failure paths deterministically: an action whose id
 * hashes to 0 mod 5 fails transiently on its first attempt (retry with backoff); one that hashes
 * to 0 mod 7 fails permanently before {@link #END} (dead letter) and succeeds once requeued after
 * it.
 */
final class CrashWorkload {
  static final Scenario SCENARIO = Scenario.of(200, 15, Duration.ofSeconds(45), 7);
  /** When the quiescence phase starts: after the last signal. */
  static final Instant END = Scenario.T0.plus(Duration.ofHours(4));
  /** Longer than the timer lease (1 min) and the outbox lease (5 min). */
  private static final Duration PAST_LEASES = Duration.ofMinutes(6);
  private static final int MAX_QUIESCE_ROUNDS = 10_000;

  private final VirtualClock clock = VirtualClock.at(Scenario.T0);
  private final JdbcJourneyStore store;
  private final JourneyEngine engine;
  private final OutboxRelay relay;
  private final Consumer<String> out;

  CrashWorkload(DataSource dataSource, String instanceId, boolean releaseLeases, Consumer<String> out) {
    this.out = out;
    this.store = JdbcJourneyStore.builder(dataSource).clock(clock).instanceId(instanceId).build();
    if (releaseLeases) {
      store.releaseLeases();
    }
    this.engine = JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), Scenario.rules())).store(store).clock(clock).build();
    this.relay = OutboxRelay.builder(store, new ScriptedExecutor()).clock(clock).build();
  }

  JdbcJourneyStore store() {
    return store;
  }

  /** Processes signal {@code step} of the scenario and acknowledges it. */
  void step(int step) {
    Signal signal = SCENARIO.signals.get(step);
    if (signal.occurredAt().isAfter(clock.instant())) {
      clock.set(signal.occurredAt());
    }
    engine.fireDueTimers();
    relay.drain();
    engine.accept(signal);
    out.accept("A " + step);
    relay.drain();
  }

  /**
   * Runs until no timer, action or dead letter is left: requeues dead letters, fires timers,
   * drains the outbox, moves the clock to the next due time, or past the leases when only leased
   * work is left (a previous incarnation's, not released).
   *
   * @throws IllegalStateException when that does not end within a bounded number of rounds
   */
  void quiesce() {
    if (clock.instant().isBefore(END)) {
      clock.set(END);
    }
    for (int round = 0; round < MAX_QUIESCE_ROUNDS; round++) {
      for (DeadLetter letter : store.deadLetters()) {
        store.requeue(letter.entry().actionId(), clock.instant());
      }
      int fired = engine.fireDueTimers();
      int ran = relay.drain();
      Optional<Instant> timer = store.nextTimerDue();
      var pending = store.pendingActions();
      if (timer.isEmpty() && pending.isEmpty() && store.deadLetters().isEmpty()) {
        out.accept("Q");
        return;
      }
      Instant now = clock.instant();
      Instant next = null;
      if (timer.isPresent() && timer.get().isAfter(now)) {
        next = timer.get();
      }
      for (OutboxEntry entry : pending) {
        if (entry.nextAttemptAt().isAfter(now) && (next == null || entry.nextAttemptAt().isBefore(next))) {
          next = entry.nextAttemptAt();
        }
      }
      if (next == null && fired == 0 && ran == 0) {
        next = now.plus(PAST_LEASES); // only leased work is left
      }
      if (next != null) {
        clock.set(next);
      }
    }
    throw new IllegalStateException("not quiescent after " + MAX_QUIESCE_ROUNDS + " rounds");
  }

  static int hash(String actionId) {
    CRC32 crc = new CRC32();
    crc.update(actionId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() & 0x7fffffff);
  }

  /** The outside world, scripted: see the class comment. */
  private final class ScriptedExecutor implements ActionExecutor {
    @Override
    public java.util.List<ExecutionResult> executeAll(java.util.List<OutboxEntry> entries) {
      StringBuilder ids = new StringBuilder("batch at " + clock.instant() + ":");
      entries.forEach(e -> ids.append(' ').append(e.actionId()).append('#').append(e.attempts()));
      System.err.println(ids);
      return ActionExecutor.super.executeAll(entries);
    }

    @Override
    public ExecutionResult execute(Action action, int attempt) {
      int h = hash(action.id());
      if (h % 5 == 0 && attempt == 1) {
        return ExecutionResult.retryAfter(Duration.ZERO, "scripted transient failure");
      }
      if (h % 7 == 0 && clock.instant().isBefore(END)) {
        return ExecutionResult.permanent("scripted permanent failure");
      }
      out.accept("E " + action.id() + " " + attempt);
      return ExecutionResult.done();
    }
  }
}
