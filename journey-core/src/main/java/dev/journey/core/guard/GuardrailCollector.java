package dev.journey.core.guard;

import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.metrics.MetricsCollector;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.metrics.SubjectMeasure;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.DeadLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Gathers, from audit records alone, what guardrail metrics need per subject: its cohort (the
 * version of its first decision), its decisions, rejections and guardrail drops, and — through
 * the {@link MetricsCollector} of the journey's {@link MetricsDefinition}, which it feeds — its
 * milestones, intervals and SLA outcomes. Dead letters are not in the audit trail: hand the
 * store's list to {@link #deadLetters(Collection)}. Register it as a {@link JourneyListener} to
 * collect live, or {@link #add} a decision log; both give equal subjects. Records of other
 * journeys of the same engine are ignored. Thread-safe (methods synchronize).
 *
 * <pre>{@code
 * GuardrailCollector guardrails = GuardrailCollector.create(MetricsDefinition.leadHandoff().build());
 * JourneyEngine engine = JourneyEngine.builder().definition(journey).listener(guardrails).build();
 * ...
 * guardrails.deadLetters(engine.store().deadLetters());
 * List<GuardrailSubject> subjects = guardrails.subjects();
 * }</pre>
 */
public final class GuardrailCollector implements JourneyListener {
  private final MetricsCollector metrics;
  private final String journey;
  private final Function<AuditRecord, String> versionOf;
  private final Map<SubjectRef, Counts> subjects = new HashMap<>();
  private final Map<SubjectRef, Set<String>> deadLetters = new HashMap<>();

  private GuardrailCollector(MetricsDefinition definition, Function<AuditRecord, String> versionOf) {
    this.metrics = MetricsCollector.create(definition);
    this.journey = definition.journey();
    this.versionOf = versionOf;
  }

  /** A collector whose cohorts are the rule-set versions of the subjects' first decisions. */
  public static GuardrailCollector create(MetricsDefinition definition) {
    return create(definition, r -> r.decision().ruleSet().version());
  }

  /**
   * A collector whose cohorts are what {@code versionOf} reads from a subject's first record
   * (e.g. a pinned version recorded elsewhere in the decision).
   */
  public static GuardrailCollector create(MetricsDefinition definition, Function<AuditRecord, String> versionOf) {
    return new GuardrailCollector(
        Objects.requireNonNull(definition, "definition"), Objects.requireNonNull(versionOf, "versionOf"));
  }

  /** Collects the subjects of a whole decision log. */
  public static GuardrailCollector of(MetricsDefinition definition, Iterable<AuditRecord> records) {
    GuardrailCollector collector = create(definition);
    records.forEach(collector::add);
    return collector;
  }

  private static final class Counts {
    final String version;
    final Instant firstSeen;
    long decisions;
    long rejected;
    long dropped;

    Counts(String version, Instant firstSeen) {
      this.version = version;
      this.firstSeen = firstSeen;
    }
  }

  @Override
  public void onCommitted(AuditRecord record) {
    add(record);
  }

  /** Adds one audit record (a stale timer firing or another journey's record is ignored). */
  public synchronized void add(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    if (record.outcome() == AuditRecord.Outcome.STALE_TIMER
        || !record.journey().map(journey::equals).orElse(true)) {
      return;
    }
    Counts counts =
        subjects.computeIfAbsent(
            record.signal().subject(),
            s -> new Counts(Objects.requireNonNull(versionOf.apply(record), "version"), record.recordedAt()));
    counts.decisions++;
    if (record.outcome() == AuditRecord.Outcome.REJECTED) {
      counts.rejected++;
    }
    if (!record.decision().dropped().isEmpty()) {
      counts.dropped++;
    }
    metrics.add(record);
  }

  /**
   * The relay's dead letters as they are now (e.g. {@code store.deadLetters()}); each action id
   * counts once, so handing the same list again changes nothing.
   */
  public synchronized void deadLetters(Collection<DeadLetter> letters) {
    for (DeadLetter letter : letters) {
      deadLetters.computeIfAbsent(letter.entry().subject(), s -> new HashSet<>()).add(letter.entry().actionId());
    }
  }

  /** Every subject seen, sorted by subject. */
  public synchronized List<GuardrailSubject> subjects() {
    List<GuardrailSubject> out = new ArrayList<>();
    for (SubjectMeasure m : metrics.measurements().subjects()) {
      Counts c = subjects.get(m.subject());
      if (c == null) {
        continue;
      }
      long dead = deadLetters.getOrDefault(m.subject(), Set.of()).size();
      out.add(new GuardrailSubject(m.subject(), c.version, c.firstSeen, m, c.decisions, c.rejected, c.dropped, dead));
    }
    return List.copyOf(out);
  }
}
