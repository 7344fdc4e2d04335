package dev.journey.core.engine;

import dev.journey.core.InvalidValueException;
import dev.journey.core.JourneyException;
import dev.journey.core.Limits;
import dev.journey.core.Signal;
import dev.journey.core.TimerFiring;
import dev.journey.core.action.Action;
import dev.journey.core.action.ActionIds;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.SetProperty;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.action.UpdateDealStage;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.spi.ActionEffect;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.SharedWrite;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PendingTimer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The journeys of one engine and how one signal's decisions across them become one commit. Every
 * journey the signal concerns evaluates it against a view of the same snapshot (the shared
 * profile with that journey's own state and timers), higher priority first; then ownership,
 * conflicts, the central suppression policy, frequency caps and exits are applied across the
 * decisions, and the decisions are reduced one after another into the one snapshot, timer
 * changes, outbox and one audit record per journey decision that the store commits atomically.
 */
final class Ensemble {
  /** The rule set named in decisions the central policy makes for a journey the signal did not concern. */
  static final RuleSetRef POLICY = RuleSetRef.of("journey-policy", "1");

  private static final String ENROLLED = "journeys.enrolled.";
  private static final String PAUSED = "journeys.paused";
  private static final int POLICY_ORDINAL = 1 << 15;

  private final HostedJourney primary;
  private final List<HostedJourney> byPriority;
  private final Map<String, HostedJourney> byName;
  private final Map<String, String> ownerOf;
  /** The timer-name prefix of each journey: {@code <journey>/}, none for the primary journey. */
  private final Map<String, String> timerPrefix;
  /** Each journey's name as the one {@code Optional} its audit records hold. */
  private final Map<String, Optional<String>> journeyKey;
  private final CrossJourneyPolicy policy;
  private final JourneyStore store;

  Ensemble(List<HostedJourney> journeys, CrossJourneyPolicy policy, JourneyStore store) {
    this.primary = journeys.get(0);
    Map<String, HostedJourney> names = new LinkedHashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (HostedJourney journey : journeys) {
      if (names.putIfAbsent(journey.name(), journey) != null) {
        throw new IllegalArgumentException(
            "journey names must be unique in an engine, but '" + journey.name() + "' is hosted twice");
      }
      for (String property : journey.owns()) {
        String other = owners.putIfAbsent(property, journey.name());
        if (other != null) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "property '%s' can have one owning journey, but both '%s' and '%s' own it",
                  property,
                  other,
                  journey.name()));
        }
      }
    }
    this.byName = Map.copyOf(names);
    this.ownerOf = Map.copyOf(owners);
    Map<String, String> prefixes = new HashMap<>();
    for (HostedJourney journey : journeys) {
      prefixes.put(
          journey.name(),
          journey == primary ? "" : journey.name() + JourneySnapshot.JOURNEY_TIMER_SEPARATOR);
    }
    this.timerPrefix = Map.copyOf(prefixes);
    Map<String, Optional<String>> keys = new HashMap<>();
    for (HostedJourney journey : journeys) {
      keys.put(journey.name(), Optional.of(journey.name()));
    }
    this.journeyKey = Map.copyOf(keys);
    List<HostedJourney> sorted = new ArrayList<>(journeys);
    // stable: equal priorities keep the order the journeys were added in
    sorted.sort(Comparator.comparingInt(HostedJourney::priority).reversed());
    this.byPriority = List.copyOf(sorted);
    this.policy = policy;
    this.store = store;
    policy.check(names);
  }

  List<HostedJourney> journeys() {
    return byPriority;
  }

  /** One signal on the subject's composite snapshot {@code before}. */
  JourneyEngine.Prepared prepare(
      JourneySnapshot before,
      Signal signal,
      Instant now,
      Function<String, SharedState> shared,
      Supplier<Optional<JourneySnapshot>> loadAccount) {
    long base = before.version();
    // the contact's company, loaded once for all journeys and only when a stage asks
    // (nothing to remember for an engine without an identity step: it reads no account)
    Supplier<Optional<JourneySnapshot>> account =
        loadAccount == JourneyEngine.NO_ACCOUNT ? loadAccount : new Supplier<>() {
      private Optional<JourneySnapshot> loaded;

      @Override
      public Optional<JourneySnapshot> get() {
        if (loaded == null) {
          loaded = loadAccount.get();
        }
        return loaded;
      }
    };
    // one outcome per journey at most: the list never grows
    List<Outcome> outcomes = new ArrayList<>(byPriority.size());
    if (signal.isTimer()) {
      String name = signal.firing().map(TimerFiring::name).orElse("");
      long generation = signal.firing().map(TimerFiring::generation).orElse(-1L);
      HostedJourney owner = timerOwner(name);
      String local = owner == primary ? name : name.substring(owner.name().length() + 1);
      PendingTimer pending = before.timers().get(name);
      if (pending == null || pending.generation() != generation) {
        JourneySnapshot view = view(before, owner, now, base);
        Decision noop =
            Decision.noop(
                view,
                signal,
                now,
                JourneyEngine.ENGINE,
                String.format(
                    Locale.ROOT,
                    "timer %s generation %d is stale (pending: %s)",
                    name,
                    generation,
                    pending == null ? "none" : "generation " + pending.generation()));
        JourneyEngine.Prepared stale =
            Reduction.inboxOnly(
                before, signal, noop, AuditRecord.Outcome.STALE_TIMER, noop.trace().get(0), now,
                name, generation);
        Commit c = stale.commit;
        return new JourneyEngine.Prepared(
            new Commit(c.signal(), c.expectedVersion(), c.snapshot(), c.timerChanges(), c.outbox(),
                c.audit().withJourney(owner.name()), c.sharedWrites()),
            stale.result);
      }
      Signal viewSignal = owner == primary ? signal : renamedTimer(signal, local, generation);
      PendingTimer fired =
          new PendingTimer(local, pending.dueAt(), pending.generation(), pending.attributes());
      outcomes.add(
          evaluate(owner, view(before, owner, now, base), viewSignal, Optional.of(fired), now, shared,
              account));
    } else {
      // a journey's stages read the shared state as the higher-priority journeys' stages left it
      // in this commit, as if the journeys had decided one after another
      Chained chained = new Chained(shared);
      for (HostedJourney journey : byPriority) {
        boolean fresh = reenters(journey, before, now) && journey.enters(before, signal);
        if (fresh || concerns(journey, before, signal)) {
          Outcome o =
              evaluate(journey, view(before, journey, now, base, fresh), signal, Optional.empty(), now, chained,
                  account);
          if (fresh) {
            o.fresh = true;
            o.decision = o.decision.withTrace(reentered(before, journey));
          }
          if (o.status == AuditRecord.Outcome.DECIDED && !o.writes.isEmpty()) {
            for (SharedWrite write : o.writes) {
              Written earlier = chained.put(write.key(), new Written(journey, write));
              if (earlier != null) {
                o.decision = o.decision.withTrace(sharedConflict(write.key(), earlier.journey, journey));
              }
            }
          }
          outcomes.add(o);
        }
      }
      if (outcomes.isEmpty()) {
        JourneySnapshot view = view(before, primary, now, base);
        Outcome none = new Outcome(primary, view, signal, Optional.empty());
        none.decision = Decision.noop(view, signal, now, POLICY, "no journey is concerned by the signal");
        outcomes.add(none);
      }
    }
    Map<String, Long> counters = acrossJourneys(before, signal, now, outcomes);
    return reduce(before, signal, now, outcomes, counters);
  }

  /** Ownership, conflicts, central suppression, caps, pauses and exits across the decisions. */
  private Map<String, Long> acrossJourneys(
      JourneySnapshot before, Signal signal, Instant now, List<Outcome> outcomes) {
    Map<String, Long> counters = Map.of(); // a tree at the first counter the policy sets (see put)
    Optional<String> salesBefore = salesMotion(before, outcomes, false);
    Optional<String> salesAfter = salesMotion(before, outcomes, true);
    Set<String> suppressed = Set.of();
    if (!before.suppressions().isEmpty()) {
      suppressed = new TreeSet<>();
      for (Map.Entry<String, dev.journey.core.state.Suppression> s : before.suppressions().entrySet()) {
        if (s.getValue().activeAt(now)) {
          suppressed.add(s.getKey());
        }
      }
    }
    for (int n = 0; n < outcomes.size(); n++) { // indexed: no iterator per signal
      Outcome o = outcomes.get(n);
      if (o.status == AuditRecord.Outcome.DECIDED && !o.decision.actions().isEmpty()) {
        for (Action action : o.decision.actions()) {
          if (action instanceof dev.journey.core.action.SuppressOutreach s) {
            if (suppressed.isEmpty()) {
              suppressed = new TreeSet<>();
            }
            suppressed.add(s.channel());
          }
        }
      }
    }
    Map<String, String> claimed = null; // made for the first journey with actions
    for (int n = 0; n < outcomes.size(); n++) {
      Outcome o = outcomes.get(n);
      if (o.status != AuditRecord.Outcome.DECIDED || o.decision.actions().isEmpty()) {
        continue;
      }
      if (claimed == null) {
        claimed = new HashMap<>();
      }
      String name = o.journey.name();
      boolean marketing = policy.marketing().contains(name);
      ActionEffects effects = o.journey.definition().effects();
      List<Action> actions = o.decision.actions(); // immutable: o.decision changes, not this list
      for (int i = 0; i < actions.size(); i++) {
        Action action = actions.get(i);
        Set<String> keys = written(action, effects);
        String foreign = null;
        String conflict = null;
        for (String key : keys) {
          String owner = ownerOf.get(key);
          if (owner != null && !owner.equals(name)) {
            foreign = key;
            break;
          }
          String earlier = claimed.get(key);
          if (earlier != null && !earlier.equals(name) && conflict == null) {
            conflict = key;
          }
        }
        if (foreign != null) {
          o.decision =
              o.decision.dropping(
                  action,
                  CrossJourneyPolicy.SINGLE_WRITER,
                  String.format(
                      Locale.ROOT,
                      "%s is owned by journey %s; journey %s may not write it",
                      foreign,
                      ownerOf.get(foreign),
                      name));
        } else if (conflict != null) {
          HostedJourney winner = byName.get(claimed.get(conflict));
          o.decision =
              o.decision.dropping(
                  action,
                  CrossJourneyPolicy.JOURNEY_CONFLICT,
                  String.format(
                      Locale.ROOT,
                      "journey %s (priority %d) writes %s in the same commit; journey %s has"
                          + " priority %d",
                      winner.name(),
                      winner.priority(),
                      conflict,
                      name,
                      o.journey.priority()));
        } else if (marketing && salesAfter.isPresent() && policy.outreach().contains(action.kind())) {
          o.decision =
              o.decision.dropping(
                  action,
                  CrossJourneyPolicy.CENTRAL_SUPPRESSION,
                  "outreach of marketing journeys is paused while " + salesAfter.get());
        } else if (action instanceof EnrollSequence e && suppressed.contains(e.channel())) {
          o.decision =
              o.decision.dropping(
                  action,
                  CrossJourneyPolicy.SUPPRESSED_CHANNEL,
                  "channel " + e.channel() + " is suppressed for the subject");
        } else {
          for (String key : keys) {
            claimed.putIfAbsent(key, name);
          }
        }
      }
    }
    counters = caps(before, now, outcomes, counters);
    counters = pauses(before, signal, now, outcomes, counters, salesBefore, salesAfter);
    for (int n = 0; n < outcomes.size(); n++) {
      Outcome o = outcomes.get(n);
      if (o.status == AuditRecord.Outcome.DECIDED
          && !o.decision.actions().isEmpty()
          && policy.marketing().contains(o.journey.name())) {
        for (Action action : o.decision.actions()) {
          if (action instanceof EnrollSequence e) {
            counters = put(counters, ENROLLED + o.journey.name() + "." + e.sequenceId(), 1L);
          } else if (action instanceof UnenrollSequence u) {
            counters = put(counters, ENROLLED + o.journey.name() + "." + u.sequenceId(), 0L);
          }
        }
      }
      exit(o);
    }
    return counters;
  }

  /**
   * {@code counters} with {@code name} set to {@code value}: the first counter set turns the
   * empty {@code Map.of()} into a sorted map, which later ones go into.
   */
  private static Map<String, Long> put(Map<String, Long> counters, String name, long value) {
    Map<String, Long> into = counters instanceof TreeMap ? counters : new TreeMap<>(counters);
    into.put(name, value);
    return into;
  }

  /**
   * The first journey (by priority) in a sales-motion state, with that state: before the signal,
   * or ({@code after}) as its decided outcomes leave it.
   */
  private Optional<String> salesMotion(JourneySnapshot before, List<Outcome> outcomes, boolean after) {
    if (policy.salesMotion().isEmpty()) {
      return Optional.empty();
    }
    for (int j = 0; j < byPriority.size(); j++) { // indexed: no iterator per signal
      HostedJourney journey = byPriority.get(j);
      String state = null;
      if (after) {
        for (int n = 0; n < outcomes.size(); n++) {
          Outcome o = outcomes.get(n);
          if (o.journey == journey && o.status == AuditRecord.Outcome.DECIDED) {
            state = o.decision.stateAfter();
          }
        }
      }
      if (state == null) {
        state = stateOrNull(before, journey);
      }
      if (state != null && policy.isSalesMotion(journey.name(), state)) {
        return Optional.of("journey " + journey.name() + " is in sales-motion state " + state);
      }
    }
    return Optional.empty();
  }

  private Map<String, Long> caps(
      JourneySnapshot before, Instant now, List<Outcome> outcomes, Map<String, Long> counters) {
    if (policy.caps().isEmpty()) {
      return counters;
    }
    long today = LocalDate.ofInstant(now, policy.zone()).toEpochDay();
    for (CrossJourneyPolicy.Cap cap : policy.caps()) {
      String dayKey = cap.counter() + ".day";
      String countKey = cap.counter() + ".count";
      long used = before.counter(dayKey) == today ? before.counter(countKey) : 0;
      long start = used;
      boolean any = false;
      for (Outcome o : outcomes) {
        if (o.status != AuditRecord.Outcome.DECIDED
            || (cap.journey().isPresent() && !cap.journey().get().equals(o.journey.name()))) {
          continue;
        }
        for (Action action : List.copyOf(o.decision.actions())) {
          if (action.kind() != cap.kind()) {
            continue;
          }
          any = true;
          if (used < cap.max()) {
            used++;
          } else {
            o.decision =
                o.decision.dropping(
                    action,
                    CrossJourneyPolicy.FREQUENCY_CAP,
                    String.format(
                        Locale.ROOT,
                        "at most %d %s per subject per day (%s) from %s; %d already today",
                        cap.max(),
                        cap.kind(),
                        policy.zone(),
                        cap.journey().map(j -> "journey " + j).orElse("all journeys"),
                        start));
          }
        }
      }
      if (any) {
        counters = put(counters, dayKey, today);
        counters = put(counters, countKey, used);
      }
    }
    return counters;
  }

  /** When sales motion starts: unenroll or mark the marketing journeys' running sequences. */
  private Map<String, Long> pauses(
      JourneySnapshot before,
      Signal signal,
      Instant now,
      List<Outcome> outcomes,
      Map<String, Long> counters,
      Optional<String> salesBefore,
      Optional<String> salesAfter) {
    if (policy.marketing().isEmpty()) {
      return counters;
    }
    if (salesBefore.isEmpty() && salesAfter.isPresent()) {
      boolean marked = false;
      for (HostedJourney journey : byPriority) {
        if (!policy.marketing().contains(journey.name())) {
          continue;
        }
        String prefix = ENROLLED + journey.name() + ".";
        List<String> running = new ArrayList<>();
        for (Map.Entry<String, Long> c : before.counters().entrySet()) {
          if (c.getKey().startsWith(prefix) && c.getValue() > 0) {
            running.add(c.getKey().substring(prefix.length()));
          }
        }
        if (running.isEmpty()) {
          continue;
        }
        Outcome o = outcomeFor(journey, before, signal, now, outcomes);
        if (o == null) {
          continue; // the journey's own decision was rejected or parked: nothing of it applies
        }
        List<Action> actions = new ArrayList<>(o.decision.actions());
        List<Integer> ordinals = new ArrayList<>(o.decision.actionOrdinals());
        String key = POLICY.key() + "/" + journey.name();
        if (policy.unenrollsRunningSequences()) {
          for (String sequence : running) {
            ordinals.add(POLICY_ORDINAL + actions.size());
            actions.add(
                new UnenrollSequence(
                    ActionIds.derive(signal.subject(), signal.id(), key, POLICY_ORDINAL + actions.size()),
                    signal.subject(),
                    sequence,
                    salesAfter.get()));
          }
        } else if (policy.pausedMarker().isPresent() && !marked) {
          ordinals.add(POLICY_ORDINAL + actions.size());
          actions.add(
              new SetProperty(
                  ActionIds.derive(signal.subject(), signal.id(), key, POLICY_ORDINAL + actions.size()),
                  signal.subject(),
                  policy.pausedMarker().get(),
                  "true"));
          marked = true;
          counters = put(counters, PAUSED, 1L);
        }
        o.decision =
            o.decision.withActions(actions, ordinals)
                .withTrace("central suppression: " + salesAfter.get() + "; running sequences "
                    + running + (policy.unenrollsRunningSequences() ? " unenrolled" : " marked paused"));
      }
    } else if (salesBefore.isPresent()
        && salesAfter.isEmpty()
        && policy.pausedMarker().isPresent()
        && before.counter(PAUSED) > 0) {
      for (HostedJourney journey : byPriority) {
        if (!policy.marketing().contains(journey.name())) {
          continue;
        }
        Outcome o = outcomeFor(journey, before, signal, now, outcomes);
        if (o == null) {
          continue;
        }
        List<Action> actions = new ArrayList<>(o.decision.actions());
        List<Integer> ordinals = new ArrayList<>(o.decision.actionOrdinals());
        ordinals.add(POLICY_ORDINAL + actions.size());
        actions.add(
            new SetProperty(
                ActionIds.derive(
                    signal.subject(), signal.id(), POLICY.key() + "/" + journey.name(),
                    POLICY_ORDINAL + actions.size()),
                signal.subject(),
                policy.pausedMarker().get(),
                "false"));
        o.decision =
            o.decision
                .withActions(actions, ordinals)
                .withTrace("central suppression: sales motion ended; outreach resumes");
        counters = put(counters, PAUSED, 0L);
        break;
      }
    }
    return counters;
  }

  /** The journey's decided outcome, a new policy decision when the signal did not concern it, or null. */
  private Outcome outcomeFor(
      HostedJourney journey, JourneySnapshot before, Signal signal, Instant now, List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      if (o.journey == journey) {
        return o.status == AuditRecord.Outcome.DECIDED ? o : null;
      }
    }
    JourneySnapshot view = view(before, journey, now, before.version());
    Outcome o = new Outcome(journey, view, signal, Optional.empty());
    o.decision = Decision.noop(view, signal, now, POLICY, "decided by the central suppression policy");
    int at = 0;
    while (at < outcomes.size() && byPriority.indexOf(outcomes.get(at).journey) < byPriority.indexOf(journey)) {
      at++;
    }
    outcomes.add(at, o);
    return o;
  }

  /** A decision that reaches an exit state cancels all of its journey's timers. */
  private static void exit(Outcome o) {
    if (o.status != AuditRecord.Outcome.DECIDED
        || !o.journey.exitStates().contains(o.decision.stateAfter())
        || o.journey.exitStates().contains(o.view.state())) {
      return;
    }
    List<TimerCommand> commands = new ArrayList<>();
    Set<String> cancelled = new TreeSet<>();
    for (TimerCommand command : o.decision.timerCommands()) {
      if (command instanceof TimerCommand.Cancel) {
        commands.add(command);
        cancelled.add(command.name());
      }
    }
    for (String name : o.view.timers().keySet()) {
      boolean firing = o.fired.isPresent() && o.fired.get().name().equals(name);
      if (!firing && cancelled.add(name)) {
        commands.add(new TimerCommand.Cancel(name));
      }
    }
    o.decision =
        o.decision.withTimerCommands(commands)
            .withTrace(
                String.format(
                    Locale.ROOT,
                    "journey %s exits at %s: %d timer(s) cancelled",
                    o.journey.name(),
                    o.decision.stateAfter(),
                    cancelled.size()));
  }

  /** Reduces the decisions, in priority order, into one commit. */
  private JourneyEngine.Prepared reduce(
      JourneySnapshot before,
      Signal signal,
      Instant now,
      List<Outcome> outcomes,
      Map<String, Long> counters) {
    long base = before.version();
    long version = base + 1;
    JourneySnapshot current = before;
    boolean changed = false;
    // the lists and maps are made when something goes in (the commit copies them anyway)
    List<TimerChange> timerChanges = null;
    List<OutboxEntry> outbox = null;
    List<AuditRecord> audits = new ArrayList<>(outcomes.size());
    Map<String, SharedWrite> writes = null;
    Decision result = null;
    int index = 0;
    // the further journeys' new states, put into the snapshot's journeys map once at the end
    // (each journey reads only its own entry, and reduces once)
    // (made only when a further journey takes part: the primary's reduction puts nothing in it)
    Map<String, JourneyState> states = onlyPrimary(outcomes) ? Map.of() : new TreeMap<>();
    for (int n = 0; n < outcomes.size(); n++) { // indexed: no iterator per signal
      Outcome o = outcomes.get(n);
      if (o.status == AuditRecord.Outcome.DECIDED
          && o.journey != primary
          && !o.fresh
          && o.fired.isEmpty()
          && o.writes.isEmpty()
          && o.decision.isEmpty()
          && current.journeys().containsKey(o.journey.name())) {
        // nothing to apply: the journey's state, timers and the profile stay as they are
        audits.add(
            new AuditRecord(o.signal, o.view, o.decision, o.status, Reduction.reason(o.error), now,
                o.inputsFor(o.decision), journeyKey.get(o.journey.name())));
        continue;
      }
      // the journey's view of the snapshot as the decisions before it left it (its own view
      // when none changed it)
      JourneySnapshot viewIn = current == before ? o.view : view(current, o.journey, now, base, o.fresh);
      String prefix = timerPrefix.get(o.journey.name());
      Decision applied;
      if (o.status == AuditRecord.Outcome.DECIDED
          && o.journey != primary
          && o.decision.isEmpty()
          && o.fired.isEmpty()
          && o.writes.isEmpty()) {
        // entering (or entering again) with nothing else to do: only the journey's own state
        // changes, as Reduction.apply would change it (same state, same since, this rule set)
        applied = o.decision;
        states.put(o.journey.name(),
            new JourneyState(viewIn.state(), viewIn.stateSince(), Reduction.key(applied.ruleSet())));
        changed = true;
        if (result == null) {
          result = applied;
        }
      } else if (o.status == AuditRecord.Outcome.DECIDED) {
        // applied straight into the one snapshot: no commit, audit or result of its own
        Reduction.checkActions(o.decision);
        applied = Reduction.bindOwners(viewIn, o.decision);
        List<TimerChange> changes = applied.timerCommands().isEmpty() && o.fired.isEmpty() ? List.of() : new ArrayList<>(2);
        JourneySnapshot out =
            Reduction.apply(viewIn, applied, o.fired, now, version, o.journey.definition().effects(), changes);
        current = inject(current, o.journey, out, states);
        changed = true;
        for (int i = 0; i < changes.size(); i++) {
          if (timerChanges == null) {
            timerChanges = new ArrayList<>();
          }
          timerChanges.add(prefixed(changes.get(i), prefix));
        }
        List<Action> actions = applied.actions();
        for (int i = 0; i < actions.size(); i++) {
          if (outbox == null) {
            outbox = new ArrayList<>();
          }
          outbox.add(new OutboxEntry(actions.get(i), (version << 16) | index++, now, 0, now));
        }
        for (int i = 0; i < o.writes.size(); i++) {
          if (writes == null) {
            writes = new LinkedHashMap<>();
          }
          SharedWrite write = o.writes.get(i);
          // a lower-priority journey's write of a key was made on top of the higher one's: it holds both
          writes.put(write.key(), write);
        }
        if (result == null) {
          result = applied;
        }
      } else {
        JourneyEngine.Prepared p =
            o.status == AuditRecord.Outcome.PARKED
                ? Reduction.parked(viewIn, o.signal, o.decision, now, o.error, o.fired)
                : Reduction.rejected(viewIn, o.signal, o.decision, now, o.rejection, o.fired);
        Commit c = p.commit;
        if (c.changesSnapshot()) {
          current = inject(current, o.journey, c.snapshot(), states);
          changed = true;
        }
        for (TimerChange change : c.timerChanges()) {
          if (timerChanges == null) {
            timerChanges = new ArrayList<>();
          }
          timerChanges.add(prefixed(change, prefix));
        }
        applied = c.audit().decision();
      }
      audits.add(
          new AuditRecord(o.signal, o.view, applied, o.status, Reduction.reason(o.error), now,
              o.inputsFor(applied), journeyKey.get(o.journey.name())));
    }
    if (!states.isEmpty()) {
      Map<String, JourneyState> journeys = new TreeMap<>(current.journeys());
      journeys.putAll(states);
      current =
          new JourneySnapshot(
              current.subject(), current.state(), current.stateSince(), current.properties(),
              current.timers(), current.suppressions(), current.counters(), current.ruleSet(),
              current.version(), current.updatedAt(), current.features(), journeys);
    }
    if (!counters.isEmpty()) {
      JourneySnapshot.Builder b = current.toBuilder();
      for (Map.Entry<String, Long> counter : counters.entrySet()) {
        if (current.counter(counter.getKey()) != counter.getValue()
            || !current.counters().containsKey(counter.getKey())) {
          b.counter(counter.getKey(), counter.getValue());
          changed = true;
        }
      }
      current = b.build();
    }
    if (!changed) {
      current = before;
    } else if (current.version() != version || !current.updatedAt().equals(now)) {
      current = current.toBuilder().version(version).updatedAt(now).build();
    }
    long length = JourneyEngine.documentLength(current);
    if (length > Limits.SNAPSHOT_LENGTH) {
      InvalidValueException e =
          new InvalidValueException(
              "snapshot of " + signal.subject(),
              "at most " + Limits.SNAPSHOT_LENGTH + " characters as JSON",
              length + " characters");
      List<Outcome> rejected = new ArrayList<>();
      for (Outcome o : outcomes) {
        Outcome r = new Outcome(o.journey, o.view, o.signal, o.fired);
        r.decision = Decision.noop(o.view, o.signal, now, o.decision.ruleSet(), e.getMessage());
        r.status = AuditRecord.Outcome.REJECTED;
        r.error = e.getMessage();
        r.rejection = e;
        rejected.add(r);
      }
      return reduce(before, signal, now, rejected, Map.of());
    }
    Outcome first = outcomes.get(0);
    SignalResult signalResult;
    if (result != null) {
      signalResult = new SignalResult.Decided(signal, result, current);
    } else if (first.status == AuditRecord.Outcome.DECIDED) {
      signalResult = new SignalResult.Decided(signal, first.decision, current);
    } else if (first.status == AuditRecord.Outcome.PARKED) {
      signalResult = new SignalResult.Parked(signal, first.decision, current, first.error);
    } else {
      signalResult = new SignalResult.Rejected(signal, first.decision, current, first.rejection);
    }
    Commit commit =
        new Commit(
            signal,
            base,
            current,
            timerChanges == null ? List.of() : timerChanges,
            outbox == null ? List.of() : outbox,
            audits.get(0),
            writes == null ? List.of() : List.copyOf(writes.values()),
            audits.size() == 1 ? List.of() : audits.subList(1, audits.size()));
    return new JourneyEngine.Prepared(commit, signalResult);
  }

  /** Whether every outcome is the primary journey's. */
  private boolean onlyPrimary(List<Outcome> outcomes) {
    for (int n = 0; n < outcomes.size(); n++) {
      if (outcomes.get(n).journey != primary) {
        return false;
      }
    }
    return true;
  }

  /** Evaluates one journey's view and runs its stages and transition check. */
  private Outcome evaluate(
      HostedJourney journey,
      JourneySnapshot view,
      Signal signal,
      Optional<PendingTimer> fired,
      Instant now,
      Function<String, SharedState> shared,
      Supplier<Optional<JourneySnapshot>> account) {
    Outcome o = new Outcome(journey, view, signal, fired);
    JourneyDefinition definition = journey.definition();
    Decision decision = definition.evaluator().evaluate(view, signal, now);
    o.evaluated = decision;
    if (!decision.subject().equals(signal.subject()) || !decision.signalId().equals(signal.id())) {
      throw new IllegalStateException(
          "evaluator of journey " + journey.name() + " returned a decision for "
              + decision.subject() + "/" + decision.signalId() + " when asked about "
              + signal.subject() + "/" + signal.id());
    }
    if (!definition.stages().isEmpty()) {
      StageContext context =
          new StageContext(view, signal, now, definition.model(), shared, definition.effects(), account);
      for (DecisionStage stage : definition.stages()) {
        decision = Objects.requireNonNull(stage.apply(decision, context), "stage result");
        if (context.parked != null) {
          o.inputs = context.inputs();
          o.decision = decision;
          o.status = AuditRecord.Outcome.PARKED;
          o.error = context.parked;
          return o;
        }
      }
      o.writes = context.writes();
      o.inputs = context.inputs();
    }
    o.decision = decision;
    try {
      definition.model().checkTransition(view.state(), decision.stateAfter());
    } catch (JourneyException e) {
      o.status = AuditRecord.Outcome.REJECTED;
      o.error = e.getMessage();
      o.rejection = e;
    }
    return o;
  }

  private boolean concerns(HostedJourney journey, JourneySnapshot snapshot, Signal signal) {
    String state = stateOrNull(snapshot, journey);
    if (state != null) {
      return !journey.exitStates().contains(state);
    }
    return journey.enters(snapshot, signal);
  }

  /**
   * Whether the subject has exited {@code journey} long enough ago to enter it again (its entry
   * criteria are checked by the caller).
   */
  private boolean reenters(HostedJourney journey, JourneySnapshot snapshot, Instant now) {
    if (journey.reentry().isEmpty() || journey.exitStates().isEmpty()) {
      return false;
    }
    String state = stateOrNull(snapshot, journey);
    if (state == null || !journey.exitStates().contains(state)) {
      return false;
    }
    return !now.isBefore(sinceOf(snapshot, journey).plus(journey.reentry().get()));
  }

  private Instant sinceOf(JourneySnapshot snapshot, HostedJourney journey) {
    return journey == primary ? snapshot.stateSince() : snapshot.journeys().get(journey.name()).since();
  }

  private String reentered(JourneySnapshot before, HostedJourney journey) {
    return String.format(
        Locale.ROOT,
        "journey %s entered again: exited at %s since %s, re-entry after %s",
        journey.name(),
        stateOf(before, journey).orElse(""),
        sinceOf(before, journey),
        journey.reentry().orElseThrow());
  }

  /** The subject's state in {@code journey}; empty when it has not entered it. */
  private Optional<String> stateOf(JourneySnapshot snapshot, HostedJourney journey) {
    return Optional.ofNullable(stateOrNull(snapshot, journey));
  }

  /** {@link #stateOf} without an {@code Optional} per call: null when not entered. */
  private String stateOrNull(JourneySnapshot snapshot, HostedJourney journey) {
    if (journey == primary) {
      return snapshot.state();
    }
    JourneyState state = snapshot.journeys().get(journey.name());
    return state == null ? null : state.state();
  }

  private HostedJourney timerOwner(String name) {
    int slash = name.indexOf(JourneySnapshot.JOURNEY_TIMER_SEPARATOR);
    if (slash > 0) {
      for (HostedJourney journey : byPriority) { // a few journeys: no substring per timer
        if (journey != primary && journey.name().length() == slash && name.startsWith(journey.name())) {
          return journey;
        }
      }
    }
    return primary;
  }

  /** What {@code journey} sees: the shared profile with its own state, rule set and timers. */
  JourneySnapshot view(JourneySnapshot c, HostedJourney journey, Instant now, long version) {
    return view(c, journey, now, version, false);
  }

  /**
   * What {@code journey} sees; {@code fresh}: a new stay after an exit, in the journey's initial
   * state with nothing of the old stay (state, since, rule set, timers).
   */
  private JourneySnapshot view(
      JourneySnapshot c, HostedJourney journey, Instant now, long version, boolean fresh) {
    if (fresh) {
      return new JourneySnapshot(
          c.subject(), journey.definition().model().initialState(), now, c.properties(), Map.of(),
          c.suppressions(), c.counters(), Optional.empty(), version, c.updatedAt(), c.features(), c.journeys());
    }
    Map<String, PendingTimer> timers = timersOf(c, journey);
    if (journey == primary && timers == c.timers() && version == c.version()) {
      return c; // every timer is the primary's: its view is the snapshot itself
    }
    if (journey == primary) {
      return new JourneySnapshot(
          c.subject(), c.state(), c.stateSince(), c.properties(), timers, c.suppressions(),
          c.counters(), c.ruleSet(), version, c.updatedAt(), c.features(), c.journeys());
    }
    JourneyState state = c.journeys().get(journey.name());
    return new JourneySnapshot(
        c.subject(),
        state != null ? state.state() : journey.definition().model().initialState(),
        state != null ? state.since() : now,
        c.properties(),
        timers,
        c.suppressions(),
        c.counters(),
        state != null ? state.ruleSet() : Optional.empty(),
        version,
        c.updatedAt(),
        c.features(),
        c.journeys());
  }

  /** {@code journey}'s pending timers under their own names. */
  private Map<String, PendingTimer> timersOf(JourneySnapshot c, HostedJourney journey) {
    if (c.timers().isEmpty()) {
      return Map.of();
    }
    boolean mine = true;
    boolean none = true;
    for (String name : c.timers().keySet()) {
      boolean owned = timerOwner(name) == journey;
      mine &= owned;
      none &= !owned;
    }
    if (none) {
      return Map.of();
    }
    if (mine && journey == primary) {
      return c.timers();
    }
    Map<String, PendingTimer> timers = new TreeMap<>();
    String prefix = timerPrefix.get(journey.name());
    for (PendingTimer timer : c.timers().values()) {
      HostedJourney owner = timerOwner(timer.name());
      if (owner == journey) {
        timers.put(
            owner == primary ? timer.name() : timer.name().substring(prefix.length()),
            owner == primary
                ? timer
                : new PendingTimer(timer.name().substring(prefix.length()), timer.dueAt(),
                    timer.generation(), timer.attributes()));
      }
    }
    return timers;
  }

  /**
   * {@code current} with {@code journey}'s part replaced by its reduced view {@code out}; a
   * further journey's new state goes into {@code states}, not yet into the snapshot.
   */
  private JourneySnapshot inject(
      JourneySnapshot current, HostedJourney journey, JourneySnapshot out, Map<String, JourneyState> states) {
    Map<String, PendingTimer> own = timersOf(current, journey);
    Map<String, PendingTimer> timers;
    if (journey == primary && own == current.timers()) {
      timers = out.timers(); // every pending timer is the primary's: its view had them all
    } else if (out.timers().isEmpty() && own.isEmpty()) {
      timers = current.timers();
    } else {
      timers = mergedTimers(current, journey, out);
    }
    if (journey == primary && timers == out.timers() && out.journeys() == current.journeys()) {
      return out; // nothing of the other journeys to put back
    }
    if (journey == primary) {
      return new JourneySnapshot(
          current.subject(), out.state(), out.stateSince(), out.properties(), timers,
          out.suppressions(), out.counters(), out.ruleSet(), out.version(), out.updatedAt(),
          out.features(), current.journeys());
    }
    JourneyState before = current.journeys().get(journey.name());
    if (before == null
        || !before.state().equals(out.state())
        || !before.since().equals(out.stateSince())
        || !before.ruleSet().equals(out.ruleSet())) {
      states.put(journey.name(), new JourneyState(out.state(), out.stateSince(), out.ruleSet()));
    }
    return new JourneySnapshot(
        current.subject(), current.state(), current.stateSince(), out.properties(), timers,
        out.suppressions(), out.counters(), current.ruleSet(), out.version(), out.updatedAt(),
        out.features(), current.journeys());
  }

  /** {@code current}'s timers with {@code journey}'s replaced by those of {@code out}. */
  private Map<String, PendingTimer> mergedTimers(
      JourneySnapshot current, HostedJourney journey, JourneySnapshot out) {
    Map<String, PendingTimer> timers = new TreeMap<>();
    for (PendingTimer timer : current.timers().values()) {
      if (timerOwner(timer.name()) != journey) {
        timers.put(timer.name(), timer);
      }
    }
    String prefix = timerPrefix.get(journey.name());
    for (PendingTimer timer : out.timers().values()) {
      String name = prefix + timer.name();
      timers.put(name, prefix.isEmpty() ? timer
          : new PendingTimer(name, timer.dueAt(), timer.generation(), timer.attributes()));
    }
    return timers;
  }

  private static TimerChange prefixed(TimerChange change, String prefix) {
    if (prefix.isEmpty()) {
      return change;
    }
    if (change instanceof TimerChange.Scheduled s) {
      PendingTimer t = s.timer();
      return new TimerChange.Scheduled(
          new PendingTimer(prefix + t.name(), t.dueAt(), t.generation(), t.attributes()));
    }
    if (change instanceof TimerChange.Cancelled c) {
      return new TimerChange.Cancelled(prefix + c.name(), c.generation());
    }
    TimerChange.Completed done = (TimerChange.Completed) change;
    return new TimerChange.Completed(prefix + done.name(), done.generation());
  }

  /** The firing as its journey sees it: the timer's own name, without the journey prefix. */
  private static Signal renamedTimer(Signal signal, String local, long generation) {
    return Signal.timerFired(
        signal.id(),
        signal.subject(),
        new TimerFiring(local, generation, signal.occurredAt()),
        signal.attributes());
  }

  /** The properties (and deal stages) an action writes, as its journey's effects say. */
  static Set<String> written(Action action, ActionEffects effects) {
    Set<String> keys = new LinkedHashSet<>(2);
    effects.apply(
        action,
        new ActionEffect.SnapshotEdit() {
          @Override
          public ActionEffect.SnapshotEdit property(String name, String value) {
            keys.add(name);
            return this;
          }

          @Override
          public ActionEffect.SnapshotEdit suppress(String channel, String reason, Instant until) {
            return this;
          }

          @Override
          public ActionEffect.SnapshotEdit resume(String channel) {
            return this;
          }
        });
    if (action instanceof UpdateDealStage stage) {
      keys.add("the deal stage of pipeline " + stage.pipelineId());
    }
    return keys;
  }

  /** The audit line of a lower-priority journey's stage writing a shared key a higher one wrote. */
  private static String sharedConflict(String key, HostedJourney earlier, HostedJourney later) {
    return String.format(
        Locale.ROOT,
        "%s: journey %s (priority %d) wrote shared key %s in the same commit; journey %s (priority %d)"
            + " read it as written and its write includes both",
        CrossJourneyPolicy.JOURNEY_CONFLICT,
        earlier.name(),
        earlier.priority(),
        key,
        later.name(),
        later.priority());
  }

  /** A shared write of a decided journey in the commit being prepared. */
  private record Written(HostedJourney journey, SharedWrite write) {}

  /**
   * The shared state as the journeys decided so far in this commit wrote it, else as stored: one
   * object per signal, its map made at the first write (most signals write none).
   */
  private static final class Chained implements Function<String, SharedState> {
    private final Function<String, SharedState> shared;
    private Map<String, Written> written;

    Chained(Function<String, SharedState> shared) {
      this.shared = shared;
    }

    /** Records a write; returns the earlier one of the same key in this commit, or null. */
    Written put(String key, Written write) {
      if (written == null) {
        written = new HashMap<>();
      }
      return written.put(key, write);
    }

    @Override
    public SharedState apply(String key) {
      Written w = written == null ? null : written.get(key);
      return w == null
          ? shared.apply(key)
          : new SharedState(key, w.write.expectedVersion(), w.write.values());
    }
  }

  /** One journey's part of a signal: its view, decision and outcome. */
  private static final class Outcome {
    final HostedJourney journey;
    final JourneySnapshot view;
    final Signal signal;
    final Optional<PendingTimer> fired;
    Decision decision;
    AuditRecord.Outcome status = AuditRecord.Outcome.DECIDED;
    String error = "";
    JourneyException rejection;
    List<SharedWrite> writes = List.of();
    StageInputs inputs = StageInputs.NONE;
    /** The evaluator's decision, before the stages. */
    Decision evaluated;
    /** A new stay after an exit: the journey's view starts from its initial state. */
    boolean fresh;

    Outcome(HostedJourney journey, JourneySnapshot view, Signal signal, Optional<PendingTimer> fired) {
      this.journey = journey;
      this.view = view;
      this.signal = signal;
      this.fired = fired;
    }

    /** The stage inputs, with the evaluator's decision when it differs from the one audited. */
    StageInputs inputsFor(Decision audited) {
      if (evaluated == null || (evaluated == audited && inputs.evaluated().isEmpty())) {
        // the same decision: withEvaluated would find no part changed and return the inputs
        return inputs;
      }
      return inputs.withEvaluated(evaluated, audited);
    }
  }
}
