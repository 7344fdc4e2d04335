package dev.journey.core.engine;

import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.internal.OneEntryMap;
import dev.journey.core.spi.ActionEffect;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.SharedWrite;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a decision into the commit that applies it: the new snapshot (a pure function of the old
 * one and the decision), timer changes, outbox entries and the audit record.
 */
final class Reduction {
  private static final int MAX_ACTIONS_PER_DECISION = 1 << 16;

  private Reduction() {}

  static JourneyEngine.Prepared decided(
      JourneySnapshot before,
      Signal signal,
      Decision decision,
      Instant now,
      List<SharedWrite> sharedWrites,
      ActionEffects effects,
      Optional<PendingTimer> fired,
      Optional<String> journey,
      boolean audited) {
    checkActions(decision);
    Decision bound = bindOwners(before, decision);
    long version = before.version() + 1;
    // a list for timer changes only when a timer fires or a command touches one: apply adds
    // nothing otherwise
    List<TimerChange> timerChanges =
        fired.isPresent() || !bound.timerCommands().isEmpty() ? new ArrayList<>(2) : List.of();
    JourneySnapshot after = apply(before, bound, fired, now, version, effects, timerChanges);
    // immutable lists straight away, so that the commit's defensive copies are no-ops
    List<Action> actions = bound.actions();
    List<OutboxEntry> outbox = List.of();
    if (!actions.isEmpty()) { // no array for a decision without actions
      OutboxEntry[] entries = new OutboxEntry[actions.size()];
      for (int i = 0; i < entries.length; i++) { // indexed: no iterator per decision
        entries[i] = new OutboxEntry(actions.get(i), (version << 16) | i, now, 0, now);
      }
      outbox = List.of(entries);
    }
    List<TimerChange> changes = timerChanges.isEmpty() ? List.of() : List.copyOf(timerChanges);
    Commit commit;
    if (audited) {
      // the audit record names the journey at once: no renamed copy of it and of the commit
      AuditRecord audit =
          new AuditRecord(
              signal, before, bound, AuditRecord.Outcome.DECIDED, Optional.empty(), now,
              dev.journey.core.spi.StageInputs.NONE, journey);
      commit = new Commit(signal, before.version(), after, changes, outbox, audit, sharedWrites);
    } else {
      // for a store that keeps no audit: no record built only to be dropped
      commit =
          Commit.withoutAudit(signal, before.version(), after, changes, outbox, sharedWrites, now);
    }
    return new JourneyEngine.Prepared(
        commit, new SignalResult.Decided(signal, bound, after));
  }

  /** Refuses a decision with more actions than an outbox ordinal can number. */
  static void checkActions(Decision decision) {
    if (decision.actions().size() >= MAX_ACTIONS_PER_DECISION) {
      throw new IllegalStateException(
          "a decision may carry at most " + MAX_ACTIONS_PER_DECISION + " actions, but had "
              + decision.actions().size());
    }
  }

  /** A decision rejected with a typed reason: audited, nothing applied but a fired timer. */
  static JourneyEngine.Prepared rejected(
      JourneySnapshot before,
      Signal signal,
      Decision decision,
      Instant now,
      dev.journey.core.JourneyException rejection,
      Optional<PendingTimer> fired) {
    String error = rejection.getMessage();
    Commit commit =
        notApplied(before, signal, decision, AuditRecord.Outcome.REJECTED, error, now, fired);
    return new JourneyEngine.Prepared(
        commit, new SignalResult.Rejected(signal, decision, commit.snapshot(), rejection));
  }

  /** A decision parked by a stage: audited, nothing applied but a fired timer. */
  static JourneyEngine.Prepared parked(
      JourneySnapshot before,
      Signal signal,
      Decision decision,
      Instant now,
      String reason,
      Optional<PendingTimer> fired) {
    Commit commit =
        notApplied(before, signal, decision, AuditRecord.Outcome.PARKED, reason, now, fired);
    return new JourneyEngine.Prepared(
        commit, new SignalResult.Parked(signal, decision, commit.snapshot(), reason));
  }

  private static Commit notApplied(
      JourneySnapshot before,
      Signal signal,
      Decision decision,
      AuditRecord.Outcome outcome,
      String error,
      Instant now,
      Optional<PendingTimer> fired) {
    JourneySnapshot after = before;
    List<TimerChange> timerChanges = List.of();
    if (fired.isPresent()) {
      // The timer did fire; only the decision about it is rejected.
      after =
          before.toBuilder()
              .removeTimer(fired.get().name())
              .version(before.version() + 1)
              .updatedAt(now)
              .build();
      timerChanges = List.of(new TimerChange.Completed(fired.get().name(), fired.get().generation()));
    }
    AuditRecord audit = new AuditRecord(signal, before, decision, outcome, reason(error), now);
    return new Commit(
        signal, before.version(), after, timerChanges, List.of(), audit, List.of());
  }

  static JourneyEngine.Prepared inboxOnly(
      JourneySnapshot before,
      Signal signal,
      Decision decision,
      AuditRecord.Outcome outcome,
      String error,
      Instant now,
      String timerName,
      long generation) {
    AuditRecord audit = new AuditRecord(signal, before, decision, outcome, reason(error), now);
    List<TimerChange> changes =
        timerName.isEmpty() ? List.of() : List.of(new TimerChange.Completed(timerName, generation));
    Commit commit = new Commit(signal, before.version(), before, changes, List.of(), audit, List.of());
    return new JourneyEngine.Prepared(
        commit, new SignalResult.StaleTimer(signal, decision, before, error));
  }

  /** Tasks and enrollments with no explicit owner go to the subject's owner after the decision. */
  static Decision bindOwners(JourneySnapshot before, Decision decision) {
    String owner = before.owner().orElse("");
    List<Action> actions = decision.actions();
    if (actions.isEmpty()) {
      return decision;
    }
    for (int i = 0; i < actions.size(); i++) { // indexed: no iterator per decision
      if (actions.get(i) instanceof AssignOwner assign) {
        owner = assign.ownerId();
      }
    }
    if (owner.isEmpty()) {
      return decision;
    }
    List<Action> bound = new ArrayList<>(actions.size());
    boolean changed = false;
    for (Action action : actions) {
      if (action instanceof CreateTask task && task.ownerId().isEmpty()) {
        bound.add(task.withOwner(owner));
        changed = true;
      } else if (action instanceof EnrollSequence e && e.senderOwnerId().isEmpty()) {
        bound.add(e.withSender(owner));
        changed = true;
      } else {
        bound.add(action);
      }
    }
    // the same positions: each action keeps its ordinal, no ids looked up again
    return changed ? decision.withActions(bound, decision.actionOrdinals()) : decision;
  }

  /**
   * The snapshot after {@code decision}: a pure function of its inputs. Adds to {@code
   * timerChanges} the index changes of the timers the firing and the decision's timer commands
   * touch, in the same pass that applies them: removals (completed or cancelled) first, then
   * schedules, each by timer name.
   */
  static JourneySnapshot apply(
      JourneySnapshot before,
      Decision decision,
      Optional<PendingTimer> fired,
      Instant now,
      long version,
      ActionEffects effects,
      List<TimerChange> timerChanges) {
    if (decision.actions().isEmpty() && decision.timerCommands().isEmpty() && fired.isEmpty()) {
      return next(before, decision, now, version);
    }
    JourneySnapshot.Builder b = before.toBuilder();
    b.state(decision.stateAfter(), now);
    if (fired.isPresent()) { // not ifPresent: no capturing lambda per decision
      b.removeTimer(fired.get().name());
    }
    List<Action> actions = decision.actions();
    if (!actions.isEmpty()) {
      Edit edit = new Edit(b, decision.ruleSet().name(), now);
      for (int i = 0; i < actions.size(); i++) { // indexed: no iterator per decision
        effects.apply(actions.get(i), edit);
      }
    }
    List<TimerCommand> commands = decision.timerCommands();
    if (commands.size() + (fired.isPresent() ? 1 : 0) == 1) {
      // one timer touched (the usual case): no map of touched names, no list of schedules
      String name;
      PendingTimer current = null;
      if (fired.isPresent()) {
        name = fired.get().name();
      } else if (commands.get(0) instanceof TimerCommand.Schedule schedule) {
        name = schedule.name();
        current = new PendingTimer(schedule.name(), schedule.dueAt(), version, schedule.attributes());
        b.timer(current);
      } else {
        name = commands.get(0).name();
        b.removeTimer(name);
      }
      touch(before, fired, name, current, timerChanges, timerChanges);
    } else if (!commands.isEmpty() || fired.isPresent()) {
      // name -> the timer pending under it after this decision (null: none)
      Map<String, PendingTimer> touched = new TreeMap<>();
      if (fired.isPresent()) {
        touched.put(fired.get().name(), null);
      }
      for (int i = 0; i < commands.size(); i++) {
        TimerCommand command = commands.get(i);
        if (command instanceof TimerCommand.Schedule schedule) {
          PendingTimer timer =
              new PendingTimer(schedule.name(), schedule.dueAt(), version, schedule.attributes());
          b.timer(timer);
          touched.put(timer.name(), timer);
        } else {
          b.removeTimer(command.name());
          touched.put(command.name(), null);
        }
      }
      List<TimerChange> scheduled = new ArrayList<>();
      for (Map.Entry<String, PendingTimer> entry : touched.entrySet()) {
        touch(before, fired, entry.getKey(), entry.getValue(), timerChanges, scheduled);
      }
      timerChanges.addAll(scheduled);
    }
    if (!decision.counterDeltas().isEmpty()) {
      decision.counterDeltas().forEach(b::addToCounter); // no entry view of a one-entry map
    }
    return b.ruleSet(key(decision.ruleSet())).version(version).updatedAt(now).build();
  }

  /**
   * The index changes of the timer {@code name}, pending as {@code current} after the decision
   * (null: none): its old generation completed (the fired one) or cancelled into {@code
   * removals}, a new generation scheduled into {@code schedules}.
   */
  private static void touch(
      JourneySnapshot before,
      Optional<PendingTimer> fired,
      String name,
      PendingTimer current,
      List<TimerChange> removals,
      List<TimerChange> schedules) {
    PendingTimer old = before.timers().get(name);
    boolean replaced = old != null && (current == null || current.generation() != old.generation());
    if (replaced) {
      boolean completed =
          fired.isPresent()
              && fired.get().name().equals(old.name())
              && fired.get().generation() == old.generation();
      removals.add(
          completed
              ? new TimerChange.Completed(old.name(), old.generation())
              : new TimerChange.Cancelled(old.name(), old.generation()));
    }
    if (current != null && (old == null || old.generation() != current.generation())) {
      schedules.add(new TimerChange.Scheduled(current));
    }
  }

  /**
   * The snapshot after a decision without actions, timer commands or a fired timer (most
   * decisions): {@link #apply}'s result made directly, without a snapshot builder. Only state,
   * counters, rule set, version and update time can change; every other map is the old one.
   */
  private static JourneySnapshot next(
      JourneySnapshot before, Decision decision, Instant now, long version) {
    String state = decision.stateAfter();
    boolean sameState = state.equals(before.state());
    Optional<String> ruleSet = before.ruleSet();
    String key = key(decision.ruleSet());
    if (ruleSet.isEmpty() || !ruleSet.get().equals(key)) {
      ruleSet = keyed(decision.ruleSet()); // one shared Optional per rule set
    }
    return new JourneySnapshot(
        before.subject(),
        sameState ? before.state() : state,
        sameState ? before.stateSince() : now,
        before.properties(),
        before.timers(),
        before.suppressions(),
        plus(before.counters(), decision.counterDeltas()),
        ruleSet,
        version,
        now,
        before.features(),
        before.journeys());
  }

  /**
   * {@code counters} with {@code deltas} added, as {@link JourneySnapshot.Builder#addToCounter}
   * adds them one by one: the decision's own (immutable, sorted) map when there were none, one
   * {@link OneEntryMap} for one counter.
   */
  static Map<String, Long> plus(Map<String, Long> counters, Map<String, Long> deltas) {
    if (deltas.isEmpty()) {
      return counters;
    }
    if (counters.isEmpty()) {
      return deltas;
    }
    if (counters.size() == 1 && deltas.size() == 1) {
      One one = new One();
      deltas.forEach(one); // no entry set, iterator or entry of a one-entry map of ours
      Long old = counters.get(one.key);
      if (old != null) {
        return OneEntryMap.of(one.key, old + one.value);
      }
    }
    TreeMap<String, Long> sum = new TreeMap<>(counters);
    for (Map.Entry<String, Long> delta : deltas.entrySet()) {
      sum.merge(delta.getKey(), delta.getValue(), Long::sum);
    }
    return sum;
  }

  /** The one entry of a one-entry map. */
  private static final class One implements java.util.function.BiConsumer<String, Long> {
    private String key;
    private long value;

    @Override
    public void accept(String k, Long v) {
      key = k;
      value = v;
    }
  }

  private static final java.util.concurrent.ConcurrentHashMap<RuleSetRef, LastKey> KEYS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** One shared key string per rule set, so every snapshot it decides holds the same string. */
  static String key(RuleSetRef ruleSet) {
    return keyed(ruleSet).get();
  }

  /**
   * The rule set looked up last and its key: an evaluator hands the same {@link RuleSetRef} to
   * every decision, so the usual look-up is one identity comparison, not a hash and equals of the
   * record. Immutable (final fields), so a thread that reads another's holder sees it whole; a
   * stale or lost update of {@code last} only costs a map look-up. The map holds these holders.
   */
  private static final class LastKey {
    final RuleSetRef ruleSet;
    final Optional<String> key;

    LastKey(RuleSetRef ruleSet, Optional<String> key) {
      this.ruleSet = ruleSet;
      this.key = key;
    }
  }

  private static LastKey last = new LastKey(null, Optional.empty());

  /** {@link #key} as the one shared {@code Optional} a snapshot holds it in. */
  static Optional<String> keyed(RuleSetRef ruleSet) {
    LastKey seen = last;
    if (seen.ruleSet == ruleSet) {
      return seen.key;
    }
    LastKey key = KEYS.get(ruleSet);
    if (key == null) {
      if (KEYS.size() > 10_000) {
        KEYS.clear(); // a bound, in case an application mints rule-set versions without end
      }
      key = KEYS.computeIfAbsent(ruleSet, r -> new LastKey(r, Optional.of(r.key())));
    }
    last = key; // the map's own holder: nothing allocated when several rule sets alternate
    return key.key;
  }

  /** The snapshot edits an {@link ActionEffect} makes, written by the decision's rule set. */
  private static final class Edit implements ActionEffect.SnapshotEdit {
    private final JourneySnapshot.Builder builder;
    private final String writer;
    private final Instant now;

    Edit(JourneySnapshot.Builder builder, String writer, Instant now) {
      this.builder = builder;
      this.writer = writer;
      this.now = now;
    }

    @Override
    public ActionEffect.SnapshotEdit property(String name, String value) {
      builder.property(name, value, writer, now);
      return this;
    }

    @Override
    public ActionEffect.SnapshotEdit suppress(String channel, String reason, Instant until) {
      builder.suppression(new Suppression(channel, reason, until));
      return this;
    }

    @Override
    public ActionEffect.SnapshotEdit resume(String channel) {
      builder.removeSuppression(channel);
      return this;
    }
  }

  /** A reason text as an audit record's error: empty text is no error. */
  static Optional<String> reason(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
