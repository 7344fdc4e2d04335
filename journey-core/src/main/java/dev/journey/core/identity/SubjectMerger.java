package dev.journey.core.identity;

import dev.journey.core.Alias;
import dev.journey.core.ConcurrencyConflictException;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.spi.AliasStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.MergeCommit;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds subjects into a survivor in one atomic commit ({@link AliasStore#commitMerge}).
 *
 * <p>The merged snapshot, in this documented precedence:
 *
 * <ul>
 *   <li><b>state</b>: by the policy's {@link StatePrecedence} (default: the state declared later
 *       in the model); its {@code stateSince} comes with it; a tie keeps the survivor's;
 *   <li><b>properties</b> (owner included): per name the value written last wins (by {@code
 *       writtenAt}); equal times keep the survivor's; the writer comes with the value;
 *   <li>the states of <b>further journeys</b> (several per subject): the survivor's state in a
 *       journey is kept, an absorbed subject's is taken for a journey the survivor is not in; the
 *       precedence above applies to the primary journey;
 *   <li><b>counters</b> are added; declared <b>features</b> are combined by the journey's
 *       {@link FeatureSet#merge} (counts add, windows bucket by bucket, last-seen takes the
 *       later, distinct counts unite up to their cap) when the merger knows the {@linkplain
 *       Builder#features feature set}; without one the survivor's are kept (an absorbed
 *       subject's when the survivor has none); <b>suppressions</b> are united, the later {@code
 *       until} wins per channel;
 *   <li><b>timers</b>: the survivor's are kept; a timer only an absorbed subject has moves to the
 *       survivor (the earliest due among them, same due time and attributes, a new generation),
 *       and the absorbed subject's timer rows are deleted in the same commit: none is lost, none
 *       fires twice (a firing already claimed for the absorbed subject reaches the survivor as a
 *       stale generation);
 *   <li>pending <b>outbox</b> entries move behind the survivor's with their ids, so that no effect
 *       is executed twice; <b>audit</b> records of both are kept, and each subject gets a merge
 *       record naming the other;
 *   <li><b>aliases</b> of the absorbed subjects point to the survivor, and each absorbed subject
 *       leaves a {@link Alias#SUBJECT subject} row: later signals for it reach the survivor.
 * </ul>
 *
 * <p>A request id already processed changes nothing ({@link MergeResult.Unchanged}). A merge that
 * would give the survivor more values of an identifier type than the {@link IdentityPolicy}
 * allows (two product user ids, two HubSpot contact ids outside a CRM merge) is {@link
 * MergeResult.Refused refused}: audited for every subject and queued for review as {@link
 * QuarantinedInput.Kind#IDENTITY_REVIEW}; approve it with a new request id that {@linkplain
 * MergeRequest#joins joins} the type.
 *
 * <p>The merger takes no lock: it reads, decides and commits with compare-and-set on every
 * snapshot concerned, and reads again on a conflict (a signal or a timer committed meanwhile).
 * Thread-safe.
 */
public final class SubjectMerger {
  /** The rule set named in merge audit records. */
  public static final RuleSetRef IDENTITY = RuleSetRef.of("journey-identity", "1");
  /** The type of the signal a merge is recorded as (in the inbox and the audit). */
  public static final String MERGED = "SUBJECTS_MERGED";

  private static final Logger LOG = LoggerFactory.getLogger(SubjectMerger.class);
  private static final int MAX_ATTEMPTS = 16;

  private final JourneyStore store;
  private final AliasStore aliases;
  private final JourneyModel model;
  private final IdentityPolicy policy;
  private final Clock clock;
  private final FeatureSet features;

  private SubjectMerger(Builder b) {
    this.features = b.features;
    this.store = b.store;
    this.aliases = (AliasStore) b.store;
    this.model = b.model;
    this.policy = b.policy;
    this.clock = b.clock;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy. */
  public IdentityPolicy policy() {
    return policy;
  }

  /** The feature set a merge combines features with ({@link FeatureSet#none()} when not set). */
  public FeatureSet features() {
    return features;
  }

  /**
   * Merges, refuses or recognises a redelivery.
   *
   * @throws ConcurrencyConflictException when the commit conflicted too often; nothing is written
   */
  public MergeResult merge(MergeRequest request) {
    Objects.requireNonNull(request, "request");
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      if (store.lookup(request.survivor(), request.id()).inbox().isPresent()) {
        return new MergeResult.Unchanged(request.id(), canonical(request.survivor()));
      }
      SubjectRef survivor = canonical(request.survivor());
      List<SubjectRef> absorbed = new ArrayList<>();
      for (SubjectRef s : request.absorbed()) {
        SubjectRef c = canonical(s);
        if (!c.equals(survivor) && !absorbed.contains(c)) {
          absorbed.add(c);
        }
      }
      if (absorbed.isEmpty()) {
        return new MergeResult.Unchanged(request.id(), survivor);
      }
      JourneySnapshot before =
          store.load(survivor).orElseGet(() -> JourneySnapshot.initial(survivor, model.initialState(), now));
      Map<SubjectRef, JourneySnapshot> others = new LinkedHashMap<>();
      Map<SubjectRef, Long> versions = new TreeMap<>();
      for (SubjectRef s : absorbed) {
        JourneySnapshot snap =
            store.load(s).orElseGet(() -> JourneySnapshot.initial(s, model.initialState(), now));
        others.put(s, snap);
        versions.put(s, snap.version());
      }
      List<String> violations = violations(survivor, absorbed, request);
      Signal signal = signal(request, survivor, absorbed, now);
      MergeCommit commit;
      MergeResult result;
      if (!violations.isEmpty()) {
        String reason =
            String.format(
                Locale.ROOT,
                "merge of %s into %s refused: it would exceed the limit of identifier type(s) %s;"
                    + " approve with a new merge request that joins them",
                absorbed,
                survivor,
                violations);
        QuarantinedInput review =
            new QuarantinedInput(
                QuarantinedInput.Kind.IDENTITY_REVIEW,
                request.id(),
                Optional.of(survivor),
                reason,
                "merge " + request.id() + " from " + request.source() + ": " + absorbed + " into " + survivor,
                1,
                now);
        List<AuditRecord> audit = new ArrayList<>();
        audit.add(record(before, signal, AuditRecord.Outcome.REJECTED, reason, now));
        for (JourneySnapshot o : others.values()) {
          audit.add(record(o, forSubject(signal, o.subject()), AuditRecord.Outcome.REJECTED, reason, now));
        }
        commit = new MergeCommit(signal, before.version(), before, versions, List.of(), audit, Optional.of(review));
        result = new MergeResult.Refused(request.id(), review, violations);
      } else {
        Combined combined = combine(before, List.copyOf(others.values()), now);
        String why = "merged " + absorbed + " into " + survivor + " (" + request.source() + ")";
        List<AuditRecord> audit = new ArrayList<>();
        audit.add(record(before, signal, AuditRecord.Outcome.DECIDED, "", now, why));
        for (JourneySnapshot o : others.values()) {
          audit.add(record(o, forSubject(signal, o.subject()), AuditRecord.Outcome.DECIDED, "", now, why));
        }
        commit =
            new MergeCommit(
                signal, before.version(), combined.snapshot, versions, combined.timers, audit, Optional.empty());
        result = new MergeResult.Merged(request.id(), combined.snapshot, absorbed);
      }
      CommitResult committed = aliases.commitMerge(commit);
      switch (committed) {
        case COMMITTED:
          if (result instanceof MergeResult.Refused) {
            LOG.warn("merge {} refused and queued for review: limits of {}", request.id(), violations);
          } else {
            LOG.info("merge {}: {} absorbed into {}", request.id(), absorbed, survivor);
          }
          return result;
        case DUPLICATE:
          return new MergeResult.Unchanged(request.id(), survivor);
        case CONFLICT:
          LOG.debug("merge {} conflicted (attempt {})", request.id(), attempt);
          break;
        default:
          throw new IllegalStateException("unknown commit result " + committed);
      }
    }
    throw new ConcurrencyConflictException(request.id(), request.survivor(), MAX_ATTEMPTS);
  }

  /** The subject a merged-away subject now belongs to (itself when never merged). */
  SubjectRef canonical(SubjectRef subject) {
    return aliases.resolve(Alias.subject(subject)).orElse(subject);
  }

  /** The identifier types whose limit the merged subject would exceed, sorted. */
  private List<String> violations(SubjectRef survivor, List<SubjectRef> absorbed, MergeRequest request) {
    Map<String, TreeSet<String>> values = new TreeMap<>();
    List<SubjectRef> all = new ArrayList<>();
    all.add(survivor);
    all.addAll(absorbed);
    for (SubjectRef s : all) {
      for (Alias a : aliases.aliases(s)) {
        if (!a.reserved()) {
          values.computeIfAbsent(a.type(), t -> new TreeSet<>()).add(a.value());
        }
      }
      if (!IdentityResolver.provisional(s)) {
        policy.subjectIdType(s.type())
            .ifPresent(t -> values.computeIfAbsent(t, x -> new TreeSet<>()).add(s.id()));
      }
    }
    List<String> out = new ArrayList<>();
    values.forEach(
        (type, set) -> {
          if (set.size() > policy.limit(type) && !request.joins().contains(type)) {
            out.add(type);
          }
        });
    return out;
  }

  private static Signal signal(MergeRequest request, SubjectRef survivor, List<SubjectRef> absorbed, Instant now) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    absorbed.forEach(s -> names.add(s.toString()));
    attributes.put("absorbed", String.join(",", names));
    attributes.put("survivor", survivor.toString());
    attributes.put("mergeSource", request.source().name());
    return new Signal(request.id(), survivor, MERGED, request.occurredAt(), "journey-identity", attributes);
  }

  private static Signal forSubject(Signal s, SubjectRef subject) {
    return new Signal(s.id(), subject, s.type(), s.occurredAt(), s.source(), s.attributes(), s.firing());
  }

  private static AuditRecord record(
      JourneySnapshot before, Signal signal, AuditRecord.Outcome outcome, String error, Instant now) {
    return record(before, signal, outcome, error, now, error);
  }

  private static AuditRecord record(
      JourneySnapshot before, Signal signal, AuditRecord.Outcome outcome, String error, Instant now, String why) {
    Decision noop = Decision.noop(before, signal, now, IDENTITY, why);
    Optional<String> reason = error.isEmpty() ? Optional.empty() : Optional.of(error);
    return new AuditRecord(signal, before, noop, outcome, reason, now);
  }

  /** The merged snapshot and the survivor's timer changes. */
  private static final class Combined {
    final JourneySnapshot snapshot;
    final List<TimerChange> timers;

    Combined(JourneySnapshot snapshot, List<TimerChange> timers) {
      this.snapshot = snapshot;
      this.timers = timers;
    }
  }

  /** The pure combination (see the class comment for the precedence). */
  Combined combine(JourneySnapshot survivor, List<JourneySnapshot> absorbed, Instant now) {
    return combine(model, policy.statePrecedence(), features, survivor, absorbed, now);
  }

  static Combined combine(
      JourneyModel model,
      StatePrecedence precedence,
      FeatureSet featureSet,
      JourneySnapshot survivor,
      List<JourneySnapshot> absorbed,
      Instant now) {
    long version = survivor.version() + 1;
    String state = survivor.state();
    Instant since = survivor.stateSince();
    Map<String, PropertyValue> properties = new TreeMap<>(survivor.properties());
    Map<String, Long> counters = new TreeMap<>(survivor.counters());
    Map<String, Suppression> suppressions = new TreeMap<>(survivor.suppressions());
    Map<String, PendingTimer> timers = new TreeMap<>(survivor.timers());
    Map<String, PendingTimer> moved = new TreeMap<>();
    Optional<String> ruleSet = survivor.ruleSet();
    dev.journey.core.feature.FeatureSnapshot features = survivor.features();
    Map<String, dev.journey.core.state.JourneyState> journeys = new TreeMap<>(survivor.journeys());
    for (JourneySnapshot o : absorbed) {
      // further journeys (several per subject): the survivor's state in a journey is kept, an
      // absorbed subject's is taken for a journey the survivor is not in
      o.journeys().forEach(journeys::putIfAbsent);
      if (!featureSet.isEmpty()) {
        features = featureSet.merge(features, o.features());
      } else if (features.isEmpty()) {
        features = o.features(); // no feature set known: the survivor's are kept
      }
      String chosen = precedence.choose(model, state, o.state());
      if (!chosen.equals(state)) {
        state = chosen;
        since = o.stateSince();
      }
      for (Map.Entry<String, PropertyValue> e : o.properties().entrySet()) {
        PropertyValue mine = properties.get(e.getKey());
        if (mine == null || e.getValue().writtenAt().isAfter(mine.writtenAt())) {
          properties.put(e.getKey(), e.getValue());
        }
      }
      o.counters().forEach((k, v) -> counters.merge(k, v, Long::sum));
      for (Map.Entry<String, Suppression> e : o.suppressions().entrySet()) {
        Suppression mine = suppressions.get(e.getKey());
        if (mine == null || e.getValue().until().isAfter(mine.until())) {
          suppressions.put(e.getKey(), e.getValue());
        }
      }
      for (PendingTimer t : o.timers().values()) {
        if (survivor.timers().containsKey(t.name())) {
          continue;
        }
        PendingTimer earlier = moved.get(t.name());
        if (earlier == null || t.dueAt().isBefore(earlier.dueAt())) {
          moved.put(t.name(), new PendingTimer(t.name(), t.dueAt(), version, t.attributes()));
        }
      }
      if (ruleSet.isEmpty()) {
        ruleSet = o.ruleSet();
      }
    }
    List<TimerChange> changes = new ArrayList<>();
    for (PendingTimer t : moved.values()) {
      timers.put(t.name(), t);
      changes.add(new TimerChange.Scheduled(t));
    }
    JourneySnapshot merged =
        new JourneySnapshot(
            survivor.subject(), state, since, properties, timers, suppressions, counters, ruleSet, version, now,
            features, journeys);
    return new Combined(merged, List.copyOf(changes));
  }

  /** Configures a {@link SubjectMerger}. Not thread-safe. */
  public static final class Builder {
    private JourneyStore store;
    private JourneyModel model;
    private IdentityPolicy policy = IdentityPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private FeatureSet features = FeatureSet.none();

    Builder() {}

    /**
     * The journey's declared features (its {@code JourneyDefinition.features()}), so that a merge
     * combines them ({@link FeatureSet#merge}); default none: the survivor's are kept.
     */
    public Builder features(FeatureSet features) {
      this.features = Objects.requireNonNull(features, "features");
      return this;
    }

    /**
     * The store (required); it must also be an {@link AliasStore}.
     *
     * @throws IllegalArgumentException when it is not an {@link AliasStore}
     */
    public Builder store(JourneyStore store) {
      Objects.requireNonNull(store, "store");
      if (!(store instanceof AliasStore)) {
        throw new IllegalArgumentException(
            "the store must implement AliasStore to merge subjects, but "
                + store.getClass().getName()
                + " does not");
      }
      this.store = store;
      return this;
    }

    /** The journey model (required): its initial state and its state order. */
    public Builder model(JourneyModel model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The identity policy; default {@link IdentityPolicy#defaults()}. */
    public Builder policy(IdentityPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The clock; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the merger.
     *
     * @throws IllegalStateException when the store or the model is missing
     */
    public SubjectMerger build() {
      if (store == null || model == null) {
        throw new IllegalStateException("a merger needs store(...) and model(...)");
      }
      return new SubjectMerger(this);
    }
  }
}
