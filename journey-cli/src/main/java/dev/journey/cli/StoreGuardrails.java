package dev.journey.cli;

import dev.journey.core.guard.GuardrailCollector;
import dev.journey.core.guard.GuardrailFigures;
import dev.journey.core.guard.GuardrailMetric;
import dev.journey.core.guard.Guardrails;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rollout.DeploymentMetrics;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.JourneyStore;
import dev.journey.jdbc.JdbcJourneyStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The guardrail figures of {@code journey deploy status} and the admin port's
 * {@code GET /deployments/{journey}}, read from a database store's audit trail (at most a bounded
 * number of decisions, oldest first) and its dead letters, with the {@link #defaults() default
 * guardrails}.
 */
final class StoreGuardrails {
  /** The default bound of the audit read. */
  static final int DEFAULT_LIMIT = 1_000_000;
  /** The largest bound accepted. */
  static final int MAX_LIMIT = 100_000_000;

  /**
   * What was read: the figures, how many decisions fed them and whether the read stopped at the
   * limit (then the figures cover the oldest {@code limit} decisions only).
   */
  record Read(DeploymentMetrics metrics, int decisions, int limit, boolean limitReached) {
    /** One line saying where the figures come from (and when the limit cut the read). */
    String describe() {
      String from = String.format(Locale.ROOT,
          "guardrails: from %,d audited decision(s) and the dead letters; mSPRT always-valid intervals, alpha %.2f over %d metrics",
          decisions, ALPHA, defaults().metrics().size());
      return limitReached
          ? from + String.format(Locale.ROOT,
              "; the audit read stopped at its limit of %,d decisions (--audit-limit): the figures cover the oldest %,d only",
              limit, limit)
          : from;
    }
  }

  private static final double ALPHA = 0.05;

  private StoreGuardrails() {}

  /**
   * The default guardrails: rejected decisions and dropped actions (MDE 5 points), dead letters
   * (MDE 2 points), SLA breach rate (MDE 10 points), alpha 0.05 split over the four.
   */
  static Guardrails defaults() {
    return Guardrails.builder()
        .metric(GuardrailMetric.rejectedDecisions(0.05))
        .metric(GuardrailMetric.droppedActions(0.05))
        .metric(GuardrailMetric.deadLetters(0.02))
        .metric(GuardrailMetric.slaBreachRate(0.10))
        .alpha(ALPHA)
        .build();
  }

  /**
   * The figures over {@code store}'s audit trail; empty when the store keeps none to read
   * (only the database stores do).
   *
   * @throws IllegalArgumentException when {@code limit} is outside 1..{@value #MAX_LIMIT}
   */
  static Optional<Read> read(JourneyStore store, MetricsDefinition definition, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "--audit-limit must be between 1 and %,d decisions, but was %d", MAX_LIMIT, limit));
    }
    if (!(store instanceof JdbcJourneyStore jdbc)) {
      return Optional.empty();
    }
    List<AuditRecord> records = jdbc.auditAll(limit + 1);
    boolean reached = records.size() > limit;
    List<AuditRecord> used = reached ? records.subList(0, limit) : records;
    GuardrailCollector collector = GuardrailCollector.of(definition, used);
    collector.deadLetters(store.deadLetters());
    return Optional.of(new Read(GuardrailFigures.of(collector, defaults()), used.size(), limit, reached));
  }
}
