package dev.journey.core.metrics;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.Escalate;
import dev.journey.core.action.Recycle;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.spi.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects {@link Measurements} for a {@link MetricsDefinition} from audit records alone: register
 * it as a {@link JourneyListener} to measure live, or {@link #add} the records of a decision log
 * afterwards; both give equal measurements. Only the order of one subject's records matters, not
 * how subjects interleave. Thread-safe (methods synchronize).
 *
 * <p>Per record (stale timer firings are ignored): the signal's segment, source and region
 * attributes update the subject's dimensions; milestones are checked in funnel order (a milestone
 * after the entry counts only once the entry is reached); for committed decisions, {@code
 * AssignOwner}, {@code Escalate} and {@code Recycle} actions, SLA timer schedules and the SLA
 * stage's {@code met}/{@code breached} counters are counted.
 *
 * <pre>{@code
 * MetricsCollector metrics = MetricsCollector.create(MetricsDefinition.leadHandoff().build());
 * JourneyEngine engine = JourneyEngine.builder().definition(journey).listener(metrics).build();
 * ...
 * Map<String, Slice> bySegment = metrics.measurements().by(Dimension.SEGMENT);
 * }</pre>
 */
public final class MetricsCollector implements JourneyListener {
  /** The owner key for breaches and escalations of subjects without an owner. */
  public static final String NO_OWNER = "(none)";

  private static final String SLA_TIMER = "sla:";
  private static final String ROLLOUT_BUCKET = "rollout.bucket";

  private final MetricsDefinition definition;
  private final Map<SubjectRef, Facts> subjects = new HashMap<>();
  private final Map<String, long[]> owners = new TreeMap<>();

  private MetricsCollector(MetricsDefinition definition) {
    this.definition = definition;
  }

  /** An empty collector for the definition. */
  public static MetricsCollector create(MetricsDefinition definition) {
    return new MetricsCollector(Objects.requireNonNull(definition, "definition"));
  }

  /** Collects measurements over a whole decision log. */
  public static Measurements of(MetricsDefinition definition, Iterable<AuditRecord> records) {
    MetricsCollector collector = create(definition);
    records.forEach(collector::add);
    return collector.measurements();
  }

  /** The definition. */
  public MetricsDefinition definition() {
    return definition;
  }

  private static final class Facts {
    final Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);
    final Map<String, Instant> reached = new HashMap<>();
    final List<Run> slas = new ArrayList<>();
    final Map<String, Run> openSla = new HashMap<>();
    final List<Disposition> reasons = new ArrayList<>();
    final List<DispositionEvent> exits = new ArrayList<>();
    String lastVersion;
    boolean entered;
  }

  /** One SLA instance while it is collected. */
  private static final class Run {
    final String policy;
    final Instant startedAt;
    final String week;
    SlaInstance.Outcome outcome = SlaInstance.Outcome.OPEN;

    Run(String policy, Instant startedAt, String week) {
      this.policy = policy;
      this.startedAt = startedAt;
      this.week = week;
    }
  }

  @Override
  public void onCommitted(AuditRecord record) {
    add(record);
  }

  /** Adds one audit record. */
  public synchronized void add(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    if (record.outcome() == AuditRecord.Outcome.STALE_TIMER) {
      return;
    }
    Signal signal = record.signal();
    Decision decision = record.decision();
    Facts facts = subjects.computeIfAbsent(signal.subject(), s -> new Facts());
    if (!signal.isTimer()) {
      for (Dimension d : List.of(Dimension.SEGMENT, Dimension.SOURCE, Dimension.REGION)) {
        definition.attribute(d).flatMap(signal::stringAttribute).ifPresent(v -> facts.dimensions.put(d, v));
      }
    }
    facts.lastVersion = decision.ruleSet().version();
    boolean decided = record.outcome() == AuditRecord.Outcome.DECIDED;
    milestones(record, facts, decided);
    Optional<String> ownerBefore = record.before().owner();
    String accountable = ownerBefore.orElse(NO_OWNER);
    String assigned = null;
    if (decided) {
      for (Action action : decision.actions()) {
        if (action instanceof AssignOwner assignOwner) {
          assigned = assignOwner.ownerId();
          owner(assigned)[0]++;
        } else if (action instanceof Escalate) {
          owner(accountable)[2]++;
        } else if (action instanceof Recycle recycle) {
          String code = recycle.reasonCode();
          Dispositions.Exit exit =
              definition.dispositions().flatMap(d -> d.exitOf(decision.stateBefore(), code)).orElse(Dispositions.Exit.RECYCLE);
          Disposition disposition = new Disposition(exit, code);
          facts.reasons.add(disposition);
          Instant at = signal.occurredAt();
          facts.exits.add(new DispositionEvent(disposition, at, week(at), decision.ruleSet().version()));
        }
      }
      slas(record, facts, accountable);
    }
    if (assigned != null) {
      facts.dimensions.put(Dimension.OWNER, assigned);
    } else if (ownerBefore.isPresent()) {
      facts.dimensions.put(Dimension.OWNER, ownerBefore.get());
    }
  }

  private void milestones(AuditRecord record, Facts facts, boolean decided) {
    Decision decision = record.decision();
    Instant at = record.signal().occurredAt();
    List<Milestone> milestones = definition.milestones();
    for (int i = 0; i < milestones.size(); i++) {
      Milestone m = milestones.get(i);
      if (facts.reached.containsKey(m.name()) || (i > 0 && !facts.entered)) {
        continue;
      }
      boolean hit =
          m.kind() == Milestone.Kind.STATE
              ? decided && decision.changesState() && m.values().contains(decision.stateAfter())
              : m.values().contains(record.signal().type());
      if (!hit) {
        continue;
      }
      facts.reached.put(m.name(), at);
      if (i == 0) {
        facts.entered = true;
        facts.dimensions.put(Dimension.RULE_SET_VERSION, decision.ruleSet().version());
        facts.dimensions.put(Dimension.COHORT_WEEK, week(at));
        String bucket = decision.annotations().get(ROLLOUT_BUCKET);
        if (bucket != null) {
          facts.dimensions.put(Dimension.ROLLOUT_BUCKET, bucketRange(bucket));
        }
      }
    }
  }

  private void slas(AuditRecord record, Facts facts, String accountable) {
    Decision decision = record.decision();
    Instant now = decision.evaluatedAt();
    for (TimerCommand command : decision.timerCommands()) {
      if (command instanceof TimerCommand.Schedule
          && command.name().startsWith(SLA_TIMER)
          && record.before().timer(command.name()).isEmpty()) {
        String policy = command.name().substring(SLA_TIMER.length());
        Run run = new Run(policy, now, week(now));
        facts.slas.add(run);
        facts.openSla.put(policy, run);
      }
    }
    decision.counterDeltas().forEach(
        (name, delta) -> {
          if (delta <= 0 || !name.startsWith("sla.")) {
            return;
          }
          SlaInstance.Outcome outcome;
          String policy;
          if (name.endsWith(".met")) {
            outcome = SlaInstance.Outcome.MET;
            policy = name.substring(4, name.length() - 4);
          } else if (name.endsWith(".breached")) {
            outcome = SlaInstance.Outcome.BREACHED;
            policy = name.substring(4, name.length() - 9);
            owner(accountable)[1]++;
          } else {
            return;
          }
          Run open = facts.openSla.remove(policy);
          if (open != null) {
            open.outcome = outcome;
          }
        });
  }

  private long[] owner(String id) {
    return owners.computeIfAbsent(id, k -> new long[3]);
  }

  private String week(Instant at) {
    LocalDate date = at.atZone(definition.cohortZone()).toLocalDate();
    return String.format(
        Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static String bucketRange(String bucket) {
    try {
      int b = Integer.parseInt(bucket);
      int low = b / 1000 * 1000;
      return String.format(Locale.ROOT, "%04d-%04d", low, low + 999);
    } catch (NumberFormatException e) {
      return Measurements.UNKNOWN;
    }
  }

  /** The measurements of everything added so far. */
  public synchronized Measurements measurements() {
    List<SubjectMeasure> rows = new ArrayList<>();
    List<SubjectRef> order = new ArrayList<>(subjects.keySet());
    order.sort(null);
    for (SubjectRef subject : order) {
      Facts f = subjects.get(subject);
      Map<Dimension, String> dims = new EnumMap<>(f.dimensions);
      if (!f.entered && f.lastVersion != null) {
        dims.put(Dimension.RULE_SET_VERSION, f.lastVersion);
      }
      Map<String, Instant> reached = new LinkedHashMap<>();
      for (Milestone m : definition.milestones()) {
        if (f.reached.containsKey(m.name())) {
          reached.put(m.name(), f.reached.get(m.name()));
        }
      }
      Map<String, Duration> wall = new LinkedHashMap<>();
      Map<String, Duration> business = new LinkedHashMap<>();
      for (Interval interval : definition.intervals()) {
        Instant from = reached.get(interval.from());
        Instant to = reached.get(interval.to());
        if (from != null && to != null && !to.isBefore(from)) {
          wall.put(interval.name(), Duration.between(from, to));
          business.put(
              interval.name(),
              definition.calendar(dims.getOrDefault(Dimension.REGION, Measurements.UNKNOWN)).businessTimeBetween(from, to));
        }
      }
      List<SlaInstance> slas = new ArrayList<>();
      for (Run r : f.slas) {
        slas.add(new SlaInstance(r.policy, r.startedAt, r.week, r.outcome));
      }
      rows.add(new SubjectMeasure(subject, dims, reached, wall, business, slas, f.reasons, f.exits));
    }
    Map<String, OwnerStats> ownerStats = new TreeMap<>();
    owners.forEach((id, v) -> ownerStats.put(id, new OwnerStats(v[0], v[1], v[2])));
    List<String> intervals = definition.intervals().stream().map(Interval::name).toList();
    List<String> milestones = definition.milestones().stream().map(Milestone::name).toList();
    return new Measurements(definition.journey(), milestones, intervals, rows, ownerStats);
  }
}
